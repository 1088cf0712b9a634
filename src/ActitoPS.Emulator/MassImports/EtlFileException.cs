namespace ActitoPS.Emulator.MassImports;

/// <summary>A global failure: the file as a whole cannot be loaded, so the execution ends FAILED and nothing is loaded.</summary>
internal sealed class EtlFileException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The TRIGGERED ETL's file at fault, when the failure is one file's.</summary>
    public string? FileCode { get; init; }
}

/// <summary>The <c>error.code</c> of a FAILED execution.</summary>
internal static class EtlFailureCodes
{
    /// <summary>Not a CSV: binary content, broken quoting, no header line, an archive that cannot be read.</summary>
    public const string InvalidFile = "INVALID_FILE";

    /// <summary>Bytes that the declared encoding (UTF-8 by default) cannot decode.</summary>
    public const string InvalidEncoding = "INVALID_ENCODING";

    /// <summary>A UTF-8 byte order mark: Actito refuses it.</summary>
    public const string ByteOrderMark = "BYTE_ORDER_MARK";

    public const string WrongColumnCount = "WRONG_COLUMN_COUNT";
    public const string DuplicateHeaders = "DUPLICATE_HEADERS";
    public const string UnmappedHeader = "UNMAPPED_HEADER";

    /// <summary>The file lacks the column every line needs to be matched by (a custom table's business key…).</summary>
    public const string MissingKeyColumn = "MISSING_KEY_COLUMN";

    /// <summary>A file of a multi-file TRIGGERED ETL that the pushed ZIP does not hold (the guide's "the file is missing").</summary>
    public const string MissingFile = "MISSING_FILE";

    /// <summary>An entry of the pushed ZIP that no file of a multi-file TRIGGERED ETL matches.</summary>
    public const string UnmatchedFile = "UNMATCHED_FILE";

    /// <summary>Two entries of the pushed ZIP with the name one file expects.</summary>
    public const string DuplicateFile = "DUPLICATE_FILE";

    /// <summary>A fault of the emulator itself; never expected.</summary>
    public const string InternalError = "INTERNAL_ERROR";
}
