using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

/// <summary>
/// Runs one measurement in a fresh process of the same benchmark (peak working sets only grow), echoing its lines and
/// reading back the result it prints as "RESULT {json}".
/// </summary>
static class ChildRun
{
    public static TResult Run<TResult>(string mode, int rows) where TResult : class
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(rows.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.FileName);
        TResult? result = null;
        string? line;
        while ((line = child.StandardOutput.ReadLine()) != null)
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal)) result = JsonSerializer.Deserialize<TResult>(line.Substring(7));
            else Console.WriteLine(line);
        }
        child.WaitForExit();
        if (child.ExitCode != 0 || result == null) throw new InvalidOperationException($"{mode} {rows}: exit code {child.ExitCode}, {(result == null ? "no result" : "a result")}.");
        return result;
    }
}
