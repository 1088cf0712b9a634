namespace ActitoPS.Emulator;

/// <summary>An ETL execution, one-shot or triggered, as of one moment (<see cref="EmulatorAdmin.GetEtlExecutions"/>).</summary>
/// <param name="DestinationType">PROFILE_TABLE or CUSTOM_TABLE (of a triggered execution: its first file's).</param>
/// <param name="DestinationTable">The profile table's name or the custom table's technicalName (of a triggered execution: its first file's).</param>
/// <param name="Mode">CREATE_OR_UPDATE (also for a definition that said CREATE_UPDATE), CREATE_ONLY, UPDATE_ONLY or DELETE (of a triggered execution: its first file's).</param>
/// <param name="Status">IN_PROGRESS, FINISHED or FAILED.</param>
/// <param name="ErrorCode">Why it FAILED (INVALID_FILE, BYTE_ORDER_MARK…); null otherwise.</param>
/// <param name="IntegrationResults">The counters once FINISHED; null otherwise.</param>
/// <param name="Compression">NONE, GZIP or ZIP, as told by the file's bytes.</param>
/// <param name="OutputFiles">The names of the files it produced.</param>
/// <param name="Type">ONESHOT or TRIGGERED.</param>
/// <param name="EtlId">The TRIGGERED ETL it ran; null for a one-shot.</param>
/// <param name="Files">A triggered execution's files, in the definition's order; empty for a one-shot.</param>
public sealed record EtlExecutionSnapshot(
    long Id,
    string Entity,
    string DestinationType,
    string DestinationTable,
    string Mode,
    string Status,
    string? ErrorCode,
    string? ErrorMessage,
    EtlIntegrationResults? IntegrationResults,
    DateTimeOffset StartMoment,
    DateTimeOffset? EndMoment,
    string? InputFileName,
    string Compression,
    IReadOnlyList<string> OutputFiles,
    string Type = "ONESHOT",
    long? EtlId = null,
    IReadOnlyList<EtlFileSnapshot>? Files = null);

/// <summary>One file of a triggered execution.</summary>
/// <param name="FileName">The name it was found under (a ZIP entry's, or the pushed file's); null until found.</param>
/// <param name="IntegrationResults">Its counters once the execution FINISHED; null otherwise.</param>
public sealed record EtlFileSnapshot(
    string FileCode,
    string? FileName,
    string DestinationType,
    string DestinationTable,
    string Mode,
    EtlIntegrationResults? IntegrationResults);

/// <summary>The counters of a FINISHED execution: every line read is in error, inserted, updated or deleted.</summary>
public sealed record EtlIntegrationResults(int LinesRead, int LinesInError, int LinesInserted, int LinesUpdated, int LinesDeleted);
