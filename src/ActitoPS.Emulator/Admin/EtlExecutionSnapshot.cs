namespace ActitoPS.Emulator;

/// <summary>A one-shot ETL execution as of one moment (<see cref="EmulatorAdmin.GetEtlExecutions"/>).</summary>
/// <param name="DestinationType">PROFILE_TABLE or CUSTOM_TABLE.</param>
/// <param name="DestinationTable">The profile table's name or the custom table's technicalName.</param>
/// <param name="Mode">CREATE_OR_UPDATE (also for a definition that said CREATE_UPDATE), CREATE_ONLY, UPDATE_ONLY or DELETE.</param>
/// <param name="Status">IN_PROGRESS, FINISHED or FAILED.</param>
/// <param name="ErrorCode">Why it FAILED (INVALID_FILE, BYTE_ORDER_MARK…); null otherwise.</param>
/// <param name="IntegrationResults">The counters once FINISHED; null otherwise.</param>
/// <param name="Compression">NONE, GZIP or ZIP, as told by the file's bytes.</param>
/// <param name="OutputFiles">The names of the files it produced.</param>
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
    IReadOnlyList<string> OutputFiles);

/// <summary>The counters of a FINISHED execution: every line read is in error, inserted, updated or deleted.</summary>
public sealed record EtlIntegrationResults(int LinesRead, int LinesInError, int LinesInserted, int LinesUpdated, int LinesDeleted);
