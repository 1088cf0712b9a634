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
internal sealed record EtlError(string Code, string Message);

/// <param name="Lines">Rows after the header.</param>
/// <param name="Content">UTF-8 without BOM.</param>
internal sealed record EtlOutputFile(string Name, EtlOutputKind Kind, int Lines, byte[] Content);

/// <summary>How an execution ended.</summary>
internal sealed record EtlOutcome(EtlStatus Status, EtlIntegrationResults? Results, EtlError? Error, IReadOnlyList<EtlOutputFile> OutputFiles)
{
    public static EtlOutcome Failed(string code, string message) => new(EtlStatus.Failed, null, new EtlError(code, message), []);

    public static EtlOutcome Finished(EtlIntegrationResults results, IReadOnlyList<EtlOutputFile> files) => new(EtlStatus.Finished, results, null, files);
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
