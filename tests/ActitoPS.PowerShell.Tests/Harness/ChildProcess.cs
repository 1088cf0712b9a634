using System.Diagnostics;

namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>What a child process wrote and how it ended.</summary>
public sealed record ChildRun(string Name, int ExitCode, string Output, string ErrorOutput)
{
    public override string ToString() => $"{Name} exited with {ExitCode}.\n--- stdout ---\n{Output}\n--- stderr ---\n{ErrorOutput}";
}

/// <summary>A process of its own, both its streams redirected (as a CI log or `2>&amp;1 | tee` has them), killed past a limit.</summary>
public static class ChildProcess
{
    public static async Task<ChildRun> RunAsync(
        string name, string fileName, IEnumerable<string> arguments, TimeSpan limit,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value == null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} ran past {limit.TotalSeconds} s. Its output so far:\n{await stdout}\n{await stderr}");
        }
        return new ChildRun(name, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The dotnet that runs these tests: `dotnet test` names it in DOTNET_HOST_PATH.</summary>
    public static string Dotnet
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
            var self = Environment.ProcessPath;
            return self != null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        }
    }
}
