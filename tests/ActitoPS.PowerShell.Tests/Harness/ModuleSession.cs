using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using PS = System.Management.Automation.PowerShell;

namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>
/// A runspace of PowerShell 7.6's engine, with the module imported from the folder the build publishes
/// (src/ActitoPS/ModuleLayout.targets), a recording host, and script text run as a user types it.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    private ModuleSession(RecordingHost host, Runspace runspace)
    {
        Host = host;
        _runspace = runspace;
    }

    /// <summary>The module folder as users get it: ActitoPS.psd1 and everything beside it.</summary>
    public static string ModuleDirectory => Path.Combine(AppContext.BaseDirectory, "module", "ActitoPS");

    public static string ManifestPath => Path.Combine(ModuleDirectory, "ActitoPS.psd1");

    public RecordingHost Host { get; }

    public RecordingHostUI UI => Host.Recorded;

    public Runspace Runspace => _runspace;

    /// <param name="importModule">False for tests of importing itself.</param>
    /// <param name="width">The console width Out-Default formats for.</param>
    /// <param name="culture">The session's culture, e.g. "de-DE"; null: the test process's.</param>
    public static ModuleSession Start(bool importModule = true, int width = 120, string? culture = null)
    {
        Assert.True(File.Exists(ManifestPath), $"No module at {ManifestPath}: the test project's build publishes it there.");
        var host = new RecordingHost(width, culture == null ? null : new System.Globalization.CultureInfo(culture));
        var state = InitialSessionState.CreateDefault2();
        var runspace = RunspaceFactory.CreateRunspace(host, state);
        // One pipeline thread for every script, so a culture set on it holds for the session.
        runspace.ThreadOptions = PSThreadOptions.ReuseThread;
        runspace.Open();
        var session = new ModuleSession(host, runspace);
        if (culture != null)
        {
            // As pwsh takes the system's locale: the pipeline thread's culture, which Core's workers inherit.
            session.Run($"[System.Globalization.CultureInfo]::CurrentCulture = [System.Globalization.CultureInfo]::new('{culture}'); " +
                        $"[System.Globalization.CultureInfo]::CurrentUICulture = [System.Globalization.CultureInfo]::new('{culture}')").AssertClean();
        }
        // Plain text, as a log or a redirected console shows it; the tests read it line by line.
        session.Run("$PSStyle.OutputRendering = 'PlainText'").AssertClean();
        if (importModule) session.Run($"Import-Module -Name '{ManifestPath}' -ErrorAction Stop").AssertClean();
        return session;
    }

    public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    public object? GetVariable(string name) => _runspace.SessionStateProxy.GetVariable(name);

    /// <summary>Runs script text; its output comes back as objects, as `$x = &lt;script&gt;` would keep them.</summary>
    public ScriptResult Run(string script, IEnumerable? input = null)
    {
        using var shell = Create(script);
        return Collect(shell, () => input == null ? shell.Invoke() : shell.Invoke(input));
    }

    /// <summary>Runs script text and sends its output to Out-Default, as a prompt shows it; read <see cref="UI"/>.Lines.</summary>
    public ScriptResult Render(string script)
    {
        using var shell = Create(script);
        // Errors are shown as a console shows them: through Out-Default's error view, into the host.
        shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
        shell.AddCommand("Out-Default");
        return Collect(shell, () => shell.Invoke());
    }

    /// <summary>
    /// Runs script text inside try/catch and returns the error that ended it: a terminating error, as a
    /// script's catch block sees it. Fails when the script ended without one.
    /// </summary>
    public ErrorRecord Catch(string script)
    {
        var result = Run($"try {{ {script} }} catch {{ $_ }}");
        var caught = result.OutputOf<ErrorRecord>().ToList();
        Assert.True(caught.Count == 1, $"Expected one terminating error; caught {caught.Count}. Non-terminating errors: " +
            string.Join("; ", result.Errors.Select(e => e.ToString())));
        return caught[0];
    }

    /// <summary>
    /// Starts script text on another thread and calls PowerShell.Stop() (Ctrl+C) once <paramref name="stopWhen"/>
    /// is true; returns the result and how long Stop() took to return.
    /// </summary>
    public (ScriptResult Result, TimeSpan StopTook) RunAndStop(string script, Func<bool> stopWhen, TimeSpan waitLimit)
    {
        using var shell = Create(script);
        var output = new PSDataCollection<PSObject>();
        var watch = Stopwatch.StartNew();
        var pending = shell.BeginInvoke<PSObject, PSObject>(null, output);
        while (!stopWhen())
        {
            if (watch.Elapsed > waitLimit || pending.IsCompleted)
                throw new TimeoutException($"The condition to stop was not met within {waitLimit.TotalSeconds} s (finished: {pending.IsCompleted}).");
            Thread.Sleep(10);
        }
        var stopWatch = Stopwatch.StartNew();
        shell.Stop();
        var stopTook = stopWatch.Elapsed;
        Exception? terminated = null;
        try
        {
            shell.EndInvoke(pending);
        }
        catch (Exception e)
        {
            terminated = e;
        }
        return (Snapshot(shell, output.ToList(), terminated ?? (shell.InvocationStateInfo.State == PSInvocationState.Stopped ? new PipelineStoppedException() : null), watch.Elapsed), stopTook);
    }

    public void Dispose()
    {
        try
        {
            // The current connection is process-wide: leave none behind for the next test.
            Run("if (Get-Command Disconnect-Actito -ErrorAction Ignore) { Disconnect-Actito }");
        }
        finally
        {
            _runspace.Dispose();
        }
    }

    private PS Create(string script)
    {
        var shell = PS.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        return shell;
    }

    private static ScriptResult Collect(PS shell, Func<IEnumerable<PSObject>> invoke)
    {
        var watch = Stopwatch.StartNew();
        List<PSObject> output = [];
        Exception? terminated = null;
        try
        {
            output = [.. invoke()];
        }
        catch (RuntimeException e)
        {
            terminated = e;
        }
        return Snapshot(shell, output, terminated, watch.Elapsed);
    }

    private static ScriptResult Snapshot(PS shell, List<PSObject> output, Exception? terminated, TimeSpan elapsed) => new()
    {
        Output = output,
        Errors = [.. shell.Streams.Error],
        Warnings = [.. shell.Streams.Warning],
        Verbose = [.. shell.Streams.Verbose],
        Debug = [.. shell.Streams.Debug],
        Information = [.. shell.Streams.Information],
        Progress = [.. shell.Streams.Progress],
        Terminated = terminated,
        Elapsed = elapsed,
    };
}
