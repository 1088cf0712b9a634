using System.Globalization;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// One accepted one-shot execution: IN_PROGRESS until its background run completes it, once, as FINISHED
/// or FAILED. Readers see either no outcome or the whole of it.
/// </summary>
internal sealed class EtlExecution(
    long id, string entity, EtlDefinition definition, EtlTarget target, EtlUpload upload, DateTimeOffset startMoment, long acceptedTimestamp)
{
    private Completion? _completion;

    public long Id { get; } = id;

    /// <summary>The entity's name as the licence spells it.</summary>
    public string Entity { get; } = entity;

    public EtlDefinition Definition { get; } = definition;
    public EtlTarget Target { get; } = target;
    public EtlUpload Upload { get; } = upload;
    public DateTimeOffset StartMoment { get; } = startMoment;

    /// <summary>The emulator clock's timestamp at acceptance, from which etlDurationMs is measured.</summary>
    public long AcceptedTimestamp { get; } = acceptedTimestamp;

    public EtlStatus Status => Outcome?.Status ?? EtlStatus.InProgress;

    /// <summary>Null while IN_PROGRESS.</summary>
    public EtlOutcome? Outcome => Volatile.Read(ref _completion)?.Outcome;

    public DateTimeOffset? EndMoment => Volatile.Read(ref _completion)?.EndMoment;

    public void Complete(EtlOutcome outcome, DateTimeOffset endMoment) =>
        Interlocked.CompareExchange(ref _completion, new Completion(outcome, endMoment), null);

    public string OutputFileName(EtlOutputKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"etl-execution-{Id}-{(kind == EtlOutputKind.Error ? "errors" : "results")}.csv");

    public EtlExecutionSnapshot ToSnapshot()
    {
        var outcome = Outcome;
        return new EtlExecutionSnapshot(
            Id,
            Entity,
            Target.Type.ToWire(),
            Target.TableName,
            Definition.Mode.ToWire(),
            Status.ToWire(),
            outcome?.Error?.Code,
            outcome?.Error?.Message,
            outcome?.Results,
            StartMoment,
            EndMoment,
            Upload.FileName,
            Upload.Compression.ToString().ToUpperInvariant(),
            outcome?.OutputFiles.Select(f => f.Name).ToList() ?? []);
    }

    private sealed record Completion(EtlOutcome Outcome, DateTimeOffset EndMoment);
}
