using System.Globalization;

namespace ActitoPS.Emulator.MassImports;

internal enum EtlKind
{
    OneShot,
    Triggered,
}

/// <summary>One file of an execution and the loading that takes it into its table.</summary>
/// <param name="FileCode">The TRIGGERED ETL's fileCode; null for a one-shot.</param>
/// <param name="ExpectedName">The file name a multi-file execution looks for in the ZIP (the fileNamePattern rendered for the day); null otherwise.</param>
internal sealed record EtlPlan(string? FileCode, string? ExpectedName, EtlDefinition Definition, EtlTarget Target);

/// <summary>
/// One accepted execution, one-shot or triggered: IN_PROGRESS until its background run completes it, once,
/// as FINISHED or FAILED. Readers see either no outcome or the whole of it.
/// </summary>
internal sealed class EtlExecution
{
    private Completion? _completion;

    private EtlExecution(
        long id, string entity, EtlKind kind, long? etlId, IReadOnlyList<EtlPlan> plans, bool matchByName,
        IReadOnlyList<string> reportRecipients, EtlUpload upload, DateTimeOffset startMoment, long acceptedTimestamp)
    {
        Id = id;
        Entity = entity;
        Kind = kind;
        EtlId = etlId;
        Plans = plans;
        MatchByName = matchByName;
        ReportRecipients = reportRecipients;
        Upload = upload;
        StartMoment = startMoment;
        AcceptedTimestamp = acceptedTimestamp;
    }

    public long Id { get; }

    /// <summary>The entity's name as the licence spells it.</summary>
    public string Entity { get; }

    public EtlKind Kind { get; }

    /// <summary>The TRIGGERED ETL it ran; null for a one-shot.</summary>
    public long? EtlId { get; }

    /// <summary>The files and their loadings, in the order they are checked and loaded.</summary>
    public IReadOnlyList<EtlPlan> Plans { get; }

    /// <summary>A multi-file execution: the upload is a ZIP whose entries are found by their names.</summary>
    public bool MatchByName { get; }

    public IReadOnlyList<string> ReportRecipients { get; }

    /// <summary>The first (for a one-shot, the only) loading.</summary>
    public EtlDefinition Definition => Plans[0].Definition;

    public EtlTarget Target => Plans[0].Target;

    public EtlUpload Upload { get; }
    public DateTimeOffset StartMoment { get; }

    /// <summary>The emulator clock's timestamp at acceptance, from which etlDurationMs is measured.</summary>
    public long AcceptedTimestamp { get; }

    public EtlStatus Status => Outcome?.Status ?? EtlStatus.InProgress;

    /// <summary>Null while IN_PROGRESS.</summary>
    public EtlOutcome? Outcome => Volatile.Read(ref _completion)?.Outcome;

    public DateTimeOffset? EndMoment => Volatile.Read(ref _completion)?.EndMoment;

    /// <summary>Every table it loads, once each: the keys of the daily quota it spends.</summary>
    public IReadOnlyList<EtlTarget> DistinctTargets => Plans.Select(p => p.Target).DistinctBy(t => t.QuotaKey).ToList();

    public static EtlExecution OneShot(long id, string entity, EtlDefinition definition, EtlTarget target, EtlUpload upload, DateTimeOffset startMoment, long acceptedTimestamp) =>
        new(id, entity, EtlKind.OneShot, null, [new EtlPlan(null, null, definition, target)], false, definition.ReportRecipients, upload, startMoment, acceptedTimestamp);

    /// <summary>A run of a TRIGGERED ETL; a multi-file one expects each file under its pattern rendered for the day it was triggered (UTC).</summary>
    public static EtlExecution Triggered(long id, TriggeredEtl etl, EtlUpload upload, DateTimeOffset startMoment, long acceptedTimestamp) =>
        new(
            id,
            etl.Entity,
            EtlKind.Triggered,
            etl.Id,
            etl.Files.Select(f => new EtlPlan(f.FileCode, etl.IsMultiFile ? f.Pattern!.Render(startMoment) : null, f.Loading, f.Target)).ToList(),
            etl.IsMultiFile,
            etl.ReportRecipients,
            upload,
            startMoment,
            acceptedTimestamp);

    /// <returns>False when it had already been completed.</returns>
    public bool Complete(EtlOutcome outcome, DateTimeOffset endMoment) =>
        Interlocked.CompareExchange(ref _completion, new Completion(outcome, endMoment), null) is null;

    public string OutputFileName(EtlPlan plan, EtlOutputKind kind)
    {
        var suffix = kind == EtlOutputKind.Error ? "errors" : "results";
        return plan.FileCode is null
            ? string.Create(CultureInfo.InvariantCulture, $"etl-execution-{Id}-{suffix}.csv")
            : string.Create(CultureInfo.InvariantCulture, $"etl-execution-{Id}-{plan.FileCode}-{suffix}.csv");
    }

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
            outcome?.OutputFiles.Select(f => f.Name).ToList() ?? [],
            Kind == EtlKind.OneShot ? EtlNames.OneShot : EtlNames.Triggered,
            EtlId,
            Kind == EtlKind.OneShot
                ? []
                : Plans.Select(p =>
                {
                    var file = outcome?.Files.FirstOrDefault(f => f.FileCode == p.FileCode);
                    return new EtlFileSnapshot(p.FileCode!, file?.FileName, p.Target.Type.ToWire(), p.Target.TableName, p.Definition.Mode.ToWire(), file?.Results);
                }).ToList());
    }

    private sealed record Completion(EtlOutcome Outcome, DateTimeOffset EndMoment);
}
