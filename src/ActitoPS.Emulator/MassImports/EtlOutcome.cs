namespace ActitoPS.Emulator.MassImports;

internal enum EtlStatus
{
    InProgress,
    Finished,
    Failed,
}

internal enum EtlOutputKind
{
    Error,
    Result,
}

/// <summary>Why an execution FAILED: one of <see cref="EtlFailureCodes"/> and a sentence naming the problem.</summary>
/// <param name="FileCode">The file of a TRIGGERED ETL at fault, when one is.</param>
internal sealed record EtlError(string Code, string Message, string? FileCode = null);

/// <summary>What became of one file of a TRIGGERED execution.</summary>
/// <param name="FileName">The name it was found under (a ZIP entry's, or the pushed file's); null when it was not found.</param>
/// <param name="Results">Its counters once the execution FINISHED; null otherwise.</param>
internal sealed record EtlFileOutcome(string FileCode, string? FileName, EtlIntegrationResults? Results);

/// <param name="Lines">Rows after the header.</param>
/// <param name="Content">UTF-8 without BOM.</param>
internal sealed record EtlOutputFile(string Name, EtlOutputKind Kind, int Lines, byte[] Content);

/// <summary>How an execution ended.</summary>
/// <param name="Files">Per file of a TRIGGERED execution, in the definition's order; empty for a one-shot.</param>
internal sealed record EtlOutcome(EtlStatus Status, EtlIntegrationResults? Results, EtlError? Error, IReadOnlyList<EtlOutputFile> OutputFiles, IReadOnlyList<EtlFileOutcome> Files)
{
    public static EtlOutcome Failed(string code, string message) => new(EtlStatus.Failed, null, new EtlError(code, message), [], []);

    public static EtlOutcome Failed(EtlError error, IReadOnlyList<EtlFileOutcome> files) => new(EtlStatus.Failed, null, error, [], files);

    public static EtlOutcome Finished(EtlIntegrationResults results, IReadOnlyList<EtlOutputFile> files, IReadOnlyList<EtlFileOutcome> perFile) =>
        new(EtlStatus.Finished, results, null, files, perFile);
}

internal static class EtlStatusNames
{
    public static string ToWire(this EtlStatus status) => status switch
    {
        EtlStatus.InProgress => "IN_PROGRESS",
        EtlStatus.Finished => "FINISHED",
        _ => "FAILED",
    };

    public static string ToWire(this EtlOutputKind kind) => kind == EtlOutputKind.Error ? "ERROR" : "RESULT";
}
