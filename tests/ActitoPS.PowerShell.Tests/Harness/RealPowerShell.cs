using System.Reflection;

namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>
/// pwsh 7.6.9 as a new user runs it, from the PowerShell global tool's package that the test project downloads,
/// and Pester 5.7.1 beside it. The child sees the environment a shell gives it: none of the MSBuild and test
/// runner variables of `dotnet test`, and PowerShell's own module path.
/// </summary>
public static class RealPowerShell
{
    private static string Metadata(string key) =>
        typeof(RealPowerShell).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} in the test assembly's metadata.");

    public static string PwshDll
    {
        get
        {
            var path = Path.Combine(Metadata("ActitoPS.Tests.PowerShellPackage"), "tools", "net10.0", "any", OperatingSystem.IsWindows() ? "win" : "unix", "pwsh.dll");
            Assert.True(File.Exists(path), $"No pwsh at {path}: the test project's restore downloads the PowerShell package.");
            return path;
        }
    }

    public static string PesterManifest
    {
        get
        {
            var path = Metadata("ActitoPS.Tests.PesterManifest");
            Assert.True(File.Exists(path), $"No Pester at {path}: the test project's restore downloads it.");
            return path;
        }
    }

    /// <summary>`pwsh -NoProfile -NonInteractive &lt;arguments&gt;` in the folder given.</summary>
    public static Task<ChildRun> RunAsync(string name, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit) =>
        ChildProcess.RunAsync(name, ChildProcess.Dotnet, [PwshDll, "-NoProfile", "-NonInteractive", .. arguments], limit, workingDirectory, ShellEnvironment());

    private static Dictionary<string, string?> ShellEnvironment()
    {
        var environment = new Dictionary<string, string?> { ["PSModulePath"] = null };
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase))
            {
                environment[key] = null;
            }
        }
        return environment;
    }
}
