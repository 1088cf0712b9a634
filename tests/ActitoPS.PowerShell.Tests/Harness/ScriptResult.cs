using System.Management.Automation;

namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>What one script left in each stream, and the error that ended it, if one did.</summary>
public sealed class ScriptResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }

    public required IReadOnlyList<ErrorRecord> Errors { get; init; }

    public required IReadOnlyList<WarningRecord> Warnings { get; init; }

    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }

    public required IReadOnlyList<DebugRecord> Debug { get; init; }

    public required IReadOnlyList<InformationRecord> Information { get; init; }

    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    /// <summary>The exception that ended the script (a terminating error, a stopped pipeline), or null.</summary>
    public Exception? Terminated { get; init; }

    public TimeSpan Elapsed { get; init; }

    public IEnumerable<T> OutputOf<T>() => Output.Select(o => o?.BaseObject).OfType<T>();

    /// <summary>The output as text, nulls left out (a property read from an empty collection gives one).</summary>
    public IReadOnlyList<string> Text => [.. Output.Where(o => o != null).Select(o => o.ToString())];

    /// <summary>Fails with every error's text when the script wrote an error or was ended by one.</summary>
    public ScriptResult AssertClean()
    {
        var problems = Errors.Select(e => e.ToString()).ToList();
        if (Terminated != null) problems.Add("terminated: " + Terminated);
        Assert.True(problems.Count == 0, "The script failed:\n" + string.Join("\n", problems));
        return this;
    }
}
