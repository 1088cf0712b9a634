using System.Globalization;
using System.Text;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// Runs an execution's file in Actito's two steps: the whole file is checked first (encoding, byte order
/// mark, headers, every row's column count), so a global failure loads nothing; then each line is loaded,
/// a bad line being that line's error while the others load.
/// </summary>
internal static class EtlProcessor
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <exception cref="OperationCanceledException">The state was reset or the server is stopping.</exception>
    public static EtlOutcome Run(EtlExecution execution, CancellationToken cancellationToken)
    {
        try
        {
            var headers = Check(execution, cancellationToken);
            return Load(execution, headers, cancellationToken);
        }
        catch (EtlFileException ex)
        {
            return EtlOutcome.Failed(ex.Code, ex.Message);
        }
        catch (DecoderFallbackException ex)
        {
            var bytes = string.Join(" ", (ex.BytesUnknown ?? []).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
            return EtlOutcome.Failed(EtlFailureCodes.InvalidEncoding,
                $"The file is not valid {execution.Definition.Csv.EncodingName} (bytes {bytes}): declare inputFileProperties.csvFormat.encoding ISO-8859-1 if that is its encoding.");
        }
        catch (InvalidDataException ex)
        {
            return EtlOutcome.Failed(EtlFailureCodes.InvalidFile, $"The {execution.Upload.Compression.ToString().ToUpperInvariant()} file cannot be read: {ex.Message}");
        }
    }

    /// <returns>The header line.</returns>
    private static string[] Check(EtlExecution execution, CancellationToken cancellationToken)
    {
        if (execution.Upload.ReadCsvStart(Utf8ByteOrderMark.Length).AsSpan().SequenceEqual(Utf8ByteOrderMark))
        {
            throw new EtlFileException(EtlFailureCodes.ByteOrderMark,
                "The file starts with a UTF-8 byte order mark (EF BB BF), which Actito refuses: write UTF-8 without BOM.");
        }

        using var file = CsvFile.Open(execution);
        var headers = file.Reader.Read()
            ?? throw new EtlFileException(EtlFailureCodes.InvalidFile, "The file is empty: its first line must hold the column headers.");
        CheckHeaders(headers, execution.Target);
        while (file.Reader.Read() is { } record)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.Length != headers.Length)
            {
                throw new EtlFileException(EtlFailureCodes.WrongColumnCount, string.Create(CultureInfo.InvariantCulture,
                    $"Line {file.Reader.RecordNumber} has {record.Length} values where the header line has {headers.Length} (a separator or a line break inside a value that is not enclosed?)."));
            }
        }

        return headers;
    }

    private static void CheckHeaders(string[] headers, EtlTarget target)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var column = 1; column <= headers.Length; column++)
        {
            if (!seen.TryAdd(headers[column - 1], column))
            {
                throw new EtlFileException(EtlFailureCodes.DuplicateHeaders, string.Create(CultureInfo.InvariantCulture,
                    $"Header '{headers[column - 1]}' appears twice in the header line (columns {seen[headers[column - 1]]} and {column})."));
            }
        }

        for (var column = 1; column <= headers.Length; column++)
        {
            if (!target.Maps(headers[column - 1]))
            {
                throw new EtlFileException(EtlFailureCodes.UnmappedHeader, string.Create(CultureInfo.InvariantCulture,
                    $"Header '{headers[column - 1]}' (column {column}) is not mapped by attributesMapping: every column of the file must be."));
            }
        }

        target.CheckHeader(headers);
    }

    private static EtlOutcome Load(EtlExecution execution, string[] headers, CancellationToken cancellationToken)
    {
        var definition = execution.Definition;
        var errors = definition.GenerateErrorFiles ? new CsvOutputWriter() : null;
        var results = definition.GenerateResultFiles ? new CsvOutputWriter() : null;
        errors?.WriteRow(["lineNumber", "errorCode", "errorMessage", .. headers]);
        results?.WriteRow(["lineNumber", "result", execution.Target.KeyColumnName, .. headers]);

        int read = 0, inError = 0, inserted = 0, updated = 0, deleted = 0;
        using var file = CsvFile.Open(execution);
        file.Reader.Read();
        while (file.Reader.Read() is { } values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            read++;
            var line = file.Reader.RecordNumber.ToString(CultureInfo.InvariantCulture);
            var result = execution.Target.Load(headers, values);
            switch (result.Action)
            {
                case EtlLineAction.Error:
                    inError++;
                    errors?.WriteRow([line, result.Error!.ErrorCode, result.Error.Message, .. values]);
                    continue;
                case EtlLineAction.Inserted:
                    inserted++;
                    break;
                case EtlLineAction.Updated:
                    updated++;
                    break;
                default:
                    deleted++;
                    break;
            }

            results?.WriteRow([line, result.ActionName, result.Key!, .. values]);
        }

        // A file is listed only when it has something to say: no error file when no line failed.
        var files = new List<EtlOutputFile>();
        if (errors is { Lines: > 0 })
        {
            files.Add(new EtlOutputFile(execution.OutputFileName(EtlOutputKind.Error), EtlOutputKind.Error, errors.Lines, errors.ToBytes()));
        }

        if (results is { Lines: > 0 })
        {
            files.Add(new EtlOutputFile(execution.OutputFileName(EtlOutputKind.Result), EtlOutputKind.Result, results.Lines, results.ToBytes()));
        }

        return EtlOutcome.Finished(new EtlIntegrationResults(read, inError, inserted, updated, deleted), files);
    }

    /// <summary>The upload's CSV, inflated and decoded as the definition says.</summary>
    private sealed class CsvFile : IDisposable
    {
        private readonly StreamReader _text;

        private CsvFile(StreamReader text, CsvFormat format)
        {
            _text = text;
            Reader = new CsvRecordReader(text, format.Separator, format.Enclosing);
        }

        public CsvRecordReader Reader { get; }

        public static CsvFile Open(EtlExecution execution)
        {
            var format = execution.Definition.Csv;
            var text = new StreamReader(execution.Upload.OpenCsv(), format.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            return new CsvFile(text, format);
        }

        public void Dispose() => _text.Dispose();
    }
}
