using System.Globalization;
using System.Text;
using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// Runs an execution in Actito's two steps: every file is checked whole first (for a multi-file ETL, that the
/// ZIP holds each file and nothing else; then encoding, byte order mark, headers, every row's column count), so
/// a global failure loads nothing; then each file is loaded in the definition's order, a bad line being that
/// line's error while the others load.
/// </summary>
internal static class EtlProcessor
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <exception cref="OperationCanceledException">The state was reset or the server is stopping.</exception>
    public static EtlOutcome Run(EtlExecution execution, CancellationToken cancellationToken)
    {
        IReadOnlyList<EtlSource> sources;
        try
        {
            sources = FindSources(execution);
        }
        catch (EtlFileException ex)
        {
            return Failed(execution, [], new EtlError(ex.Code, ex.Message, ex.FileCode));
        }
        catch (InvalidDataException ex)
        {
            return Failed(execution, [], new EtlError(EtlFailureCodes.InvalidFile, $"The ZIP file cannot be read: {ex.Message}"));
        }

        var headers = new List<string[]>();
        foreach (var source in sources)
        {
            if (Guard(execution, source, () => headers.Add(Check(source, cancellationToken))) is { } error)
            {
                return Failed(execution, sources, error);
            }
        }

        var loaded = new List<(EtlSource Source, EtlIntegrationResults Results)>();
        var files = new List<EtlOutputFile>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var fileHeaders = headers[i];
            if (Guard(execution, source, () => loaded.Add((source, Load(execution, source, fileHeaders, files, cancellationToken)))) is { } error)
            {
                // Checked whole just before, so only a file that changed under the emulator's feet gets here.
                return Failed(execution, sources, error);
            }
        }

        var total = new EtlIntegrationResults(
            loaded.Sum(l => l.Results.LinesRead),
            loaded.Sum(l => l.Results.LinesInError),
            loaded.Sum(l => l.Results.LinesInserted),
            loaded.Sum(l => l.Results.LinesUpdated),
            loaded.Sum(l => l.Results.LinesDeleted));
        var perFile = execution.Kind == EtlKind.OneShot
            ? []
            : loaded.Select(l => new EtlFileOutcome(l.Source.Plan.FileCode!, l.Source.Name, l.Results)).ToList();
        return EtlOutcome.Finished(total, files, perFile);
    }

    private static EtlOutcome Failed(EtlExecution execution, IReadOnlyList<EtlSource> sources, EtlError error) =>
        EtlOutcome.Failed(
            error,
            execution.Kind == EtlKind.OneShot
                ? []
                : execution.Plans.Select(p => new EtlFileOutcome(p.FileCode!, sources.FirstOrDefault(s => s.Plan == p)?.Name, null)).ToList());

    /// <summary>Runs a step on one file; a global failure of that file comes back as the execution's error, naming the file of a TRIGGERED ETL.</summary>
    private static EtlError? Guard(EtlExecution execution, EtlSource source, Action step)
    {
        try
        {
            step();
            return null;
        }
        catch (EtlFileException ex)
        {
            return Error(source, ex.Code, ex.Message);
        }
        catch (DecoderFallbackException ex)
        {
            var bytes = string.Join(" ", (ex.BytesUnknown ?? []).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
            var property = source.Plan.FileCode is null ? "inputFileProperties.csvFormat.encoding" : $"the csvFormat.encoding of file '{source.Plan.FileCode}' in inputFilesProperties";
            return Error(source, EtlFailureCodes.InvalidEncoding,
                $"The file is not valid {source.Plan.Definition.Csv.EncodingName} (bytes {bytes}): declare {property} ISO-8859-1 if that is its encoding.");
        }
        catch (InvalidDataException ex)
        {
            return Error(source, EtlFailureCodes.InvalidFile, $"The {execution.Upload.Compression.ToString().ToUpperInvariant()} file cannot be read: {ex.Message}");
        }
    }

    /// <summary>A TRIGGERED file's failure says which file it is.</summary>
    private static EtlError Error(EtlSource source, string code, string message) =>
        source.Plan.FileCode is { } fileCode
            ? new EtlError(code, $"File '{fileCode}'{(source.Name is null ? "" : $" ({source.Name})")}: {message}", fileCode)
            : new EtlError(code, message);

    /// <summary>
    /// Where each plan's CSV is: the upload itself (one-shot, one-file ETL), or, for a multi-file ETL, the ZIP
    /// entry named as the file's pattern renders for the day; every entry must be some file's.
    /// </summary>
    /// <exception cref="EtlFileException">MISSING_FILE, UNMATCHED_FILE, DUPLICATE_FILE.</exception>
    private static IReadOnlyList<EtlSource> FindSources(EtlExecution execution)
    {
        var upload = execution.Upload;
        if (!execution.MatchByName)
        {
            var name = upload.Compression == EtlCompression.Zip ? upload.ListZipEntries().Single().Name : upload.FileName;
            return [new EtlSource(execution.Plans[0], name, upload.OpenCsv)];
        }

        var entries = upload.ListZipEntries();
        var sources = new List<EtlSource>();
        foreach (var plan in execution.Plans)
        {
            var matches = entries.Where(e => string.Equals(e.Name, plan.ExpectedName, StringComparison.Ordinal)).ToList();
            if (matches.Count == 0)
            {
                throw new EtlFileException(EtlFailureCodes.MissingFile, string.Create(CultureInfo.InvariantCulture,
                    $"File '{plan.FileCode}' is missing: the ZIP holds no entry named '{plan.ExpectedName}' (its fileNamePattern for {execution.StartMoment.UtcDateTime:yyyy-MM-dd}, UTC). The ZIP holds: {Names(entries)}."))
                {
                    FileCode = plan.FileCode,
                };
            }

            if (matches.Count > 1)
            {
                throw new EtlFileException(EtlFailureCodes.DuplicateFile, $"File '{plan.FileCode}': the ZIP holds {matches.Count} entries named '{plan.ExpectedName}'.")
                {
                    FileCode = plan.FileCode,
                };
            }

            var index = matches[0].Index;
            sources.Add(new EtlSource(plan, matches[0].Name, () => upload.OpenZipEntry(index)));
        }

        if (entries.FirstOrDefault(e => !execution.Plans.Any(p => string.Equals(e.Name, p.ExpectedName, StringComparison.Ordinal))) is { Name: not null } stray)
        {
            throw new EtlFileException(EtlFailureCodes.UnmatchedFile, string.Create(CultureInfo.InvariantCulture,
                $"The ZIP entry '{stray.Name}' is none of the ETL's files (expected for {execution.StartMoment.UtcDateTime:yyyy-MM-dd}, UTC: {string.Join(", ", execution.Plans.Select(p => $"{p.FileCode} = '{p.ExpectedName}'"))})."));
        }

        return sources;
    }

    private static string Names(IReadOnlyList<(int Index, string Name)> entries) =>
        entries.Count == 0 ? "nothing" : string.Join(", ", entries.Select(e => $"'{e.Name}'"));

    /// <returns>The header line.</returns>
    private static string[] Check(EtlSource source, CancellationToken cancellationToken)
    {
        if (EtlUpload.ReadStart(source.Open(), Utf8ByteOrderMark.Length).AsSpan().SequenceEqual(Utf8ByteOrderMark))
        {
            throw new EtlFileException(EtlFailureCodes.ByteOrderMark,
                "The file starts with a UTF-8 byte order mark (EF BB BF), which Actito refuses: write UTF-8 without BOM.");
        }

        using var file = CsvFile.Open(source);
        var headers = file.Reader.Read()
            ?? throw new EtlFileException(EtlFailureCodes.InvalidFile, "The file is empty: its first line must hold the column headers.");
        CheckHeaders(headers, source.Plan.Target);
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

    private static EtlIntegrationResults Load(EtlExecution execution, EtlSource source, string[] headers, List<EtlOutputFile> files, CancellationToken cancellationToken)
    {
        var plan = source.Plan;
        var definition = plan.Definition;
        var errors = definition.GenerateErrorFiles ? new CsvOutputWriter() : null;
        var results = definition.GenerateResultFiles ? new CsvOutputWriter() : null;
        errors?.WriteRow(["lineNumber", "errorCode", "errorMessage", .. headers]);
        results?.WriteRow(["lineNumber", "result", plan.Target.KeyColumnName, .. headers]);

        // A DATE_FORMAT transformation per column that has one.
        var transformations = headers.Select(h => definition.Transformations.FirstOrDefault(t => t.Header == h)).ToArray();
        var transforms = transformations.Any(t => t is not null);

        int read = 0, inError = 0, inserted = 0, updated = 0, deleted = 0;
        using var file = CsvFile.Open(source);
        file.Reader.Read();
        while (file.Reader.Read() is { } values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            read++;
            var line = file.Reader.RecordNumber.ToString(CultureInfo.InvariantCulture);
            EtlLineResult result;
            if (transforms)
            {
                var (transformed, problem) = Transform(transformations, headers, values);
                result = problem is null ? plan.Target.Load(headers, transformed!) : EtlLineResult.Failed(problem);
            }
            else
            {
                result = plan.Target.Load(headers, values);
            }

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
        if (errors is { Lines: > 0 })
        {
            files.Add(new EtlOutputFile(execution.OutputFileName(plan, EtlOutputKind.Error), EtlOutputKind.Error, errors.Lines, errors.ToBytes()));
        }

        if (results is { Lines: > 0 })
        {
            files.Add(new EtlOutputFile(execution.OutputFileName(plan, EtlOutputKind.Result), EtlOutputKind.Result, results.Lines, results.ToBytes()));
        }

        return new EtlIntegrationResults(read, inError, inserted, updated, deleted);
    }

    /// <summary>The line's values with the transformations applied; the error and output files keep the values as the file wrote them.</summary>
    private static (string[]? Values, ApiError? Error) Transform(EtlTransformation?[] transformations, string[] headers, string[] values)
    {
        var transformed = (string[])values.Clone();
        for (var i = 0; i < values.Length; i++)
        {
            if (transformations[i] is { } transformation && !transformation.TryApply(values[i], out transformed[i]))
            {
                return (null, ApiError.BadRequest(
                    EtlTransformation.InvalidDateFormat,
                    $"Column '{headers[i]}': value {Profiles.AttributeValueParser.Quote(values[i])} is not a date in the format '{transformation.Format}' of its DATE_FORMAT transformation.",
                    headers[i]));
            }
        }

        return (transformed, null);
    }

    /// <summary>One plan's CSV and how to open it (it is read twice: checked, then loaded).</summary>
    private sealed record EtlSource(EtlPlan Plan, string? Name, Func<Stream> Open);

    /// <summary>A source's CSV, inflated and decoded as its definition says.</summary>
    private sealed class CsvFile : IDisposable
    {
        private readonly StreamReader _text;

        private CsvFile(StreamReader text, CsvFormat format)
        {
            _text = text;
            Reader = new CsvRecordReader(text, format.Separator, format.Enclosing);
        }

        public CsvRecordReader Reader { get; }

        public static CsvFile Open(EtlSource source)
        {
            var format = source.Plan.Definition.Csv;
            var text = new StreamReader(source.Open(), format.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            return new CsvFile(text, format);
        }

        public void Dispose() => _text.Dispose();
    }
}
