using ActitoPS.Core.Hosting;

namespace ActitoPS.Tests.TestSupport;

/// <summary>What a PowerShell user would see, recorded: output, errors, warnings, verbose lines, progress, and -WhatIf answers.</summary>
public sealed class RecordingHost : IActitoHost
{
    private readonly int _ownerThread = Environment.CurrentManagedThreadId;

    public List<object> Output { get; } = new();
    /// <summary>Output and errors in the one order a pipeline would show them.</summary>
    public List<object> Stream { get; } = new();
    public List<ActitoError> Errors { get; } = new();
    public List<string> Warnings { get; } = new();
    public List<string> Verbose { get; } = new();
    public List<ActitoProgress> Progress { get; } = new();
    public List<string> ShouldProcessTargets { get; } = new();
    public bool WhatIf { get; set; }

    /// <summary>PowerShell throws when a cmdlet writes from another thread; so does this host.</summary>
    private void OnPipelineThread()
    {
        if (Environment.CurrentManagedThreadId != _ownerThread)
            throw new InvalidOperationException("Written from a thread other than the pipeline thread.");
    }

    public void WriteObject(object output) { OnPipelineThread(); Output.Add(output); Stream.Add(output); }
    public void WriteError(ActitoError error) { OnPipelineThread(); Errors.Add(error); Stream.Add(error); }
    public void WriteWarning(string message) { OnPipelineThread(); Warnings.Add(message); }
    public void WriteVerbose(string message) { OnPipelineThread(); Verbose.Add(message); }
    public void WriteProgress(ActitoProgress progress) { OnPipelineThread(); Progress.Add(progress); }

    public bool ShouldProcess(string target, string action)
    {
        OnPipelineThread();
        ShouldProcessTargets.Add(target);
        return !WhatIf;
    }
}
