namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>The repository the tests run from: its root, and a folder copied as a test needs it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>ActitoPS.psd1's ModuleVersion, as build.ps1 names the version folder after it.</summary>
    public static string ModuleVersion { get; } = File.ReadAllLines(PathOf("ActitoPS.psd1"))
        .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\s*ModuleVersion\s*=\s*'([^']+)'"))
        .First(m => m.Success).Groups[1].Value;

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from)) CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActitoPS.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("No ActitoPS.sln above the test folder.");
    }
}
