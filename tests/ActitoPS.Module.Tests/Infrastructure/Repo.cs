namespace ActitoPS.Module.Tests.Infrastructure;

/// <summary>Paths of the files these tests read: the repository's sources and this test's bin folder.</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>Where the build put ActitoPS.dll and its dependencies for this test run.</summary>
    public static string BinDirectory => AppContext.BaseDirectory;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ReadText(params string[] parts)
    {
        var path = PathOf(parts);
        Assert.True(File.Exists(path), $"{Relative(path)} does not exist.");
        return File.ReadAllText(path);
    }

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        // The tests run from tests/ActitoPS.Module.Tests/bin/<config>/<tfm>; the solution file marks the root.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActitoPS.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ActitoPS.sln above {AppContext.BaseDirectory}: these tests must run from inside the repository.");
    }
}
