using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Profiles;
using ActitoPS.Emulator.State;
using static ActitoPS.Emulator.Json.JsonEnvelope;
using static ActitoPS.Emulator.MassImports.EtlDefinitionParser;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// Reads and checks the body of POST …/etls in the feeding guide's shape (its multi-file example): files in
/// fileTransfer.input.files, each named by its fileCode in inputFilesProperties, dataTransformations and
/// dataLoadings. Property names and enumerated values match in any case, unknown properties are ignored, as
/// in every body the emulator reads; fileCodes match exactly. The first problem found is the answer.
/// </summary>
internal static partial class TriggeredEtlParser
{
    private const string FilesPath = "fileTransfer.input.files";

    /// <summary>A fileCode becomes part of output file names and URLs.</summary>
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex FileCodeSyntax();

    /// <exception cref="ApiErrorException">400 with INVALID_JSON, INVALID_DEFINITION, DUPLICATE_FILE_CODE, UNKNOWN_FILE_CODE, INVALID_FILE_NAME_PATTERN, or a destination or mapping code of the one-shot.</exception>
    public static (TriggeredEtlDraft Draft, JsonObject Body) Parse(ReadOnlyMemory<byte> json, EntityState entity)
    {
        var bytes = json.Span.StartsWith(Encoding.UTF8.Preamble) ? json[Encoding.UTF8.Preamble.Length..] : json;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new ApiErrorException(ApiError.BadRequest("INVALID_JSON", $"The body is not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ApiErrorException(ApiError.BadRequest("INVALID_DEFINITION", $"An ETL definition is a JSON object, not {Describe(root.ValueKind)}."));
            }

            return (Read(root, entity), JsonNode.Parse(root.GetRawText())!.AsObject());
        }
    }

    private static TriggeredEtlDraft Read(JsonElement root, EntityState entity)
    {
        var type = RequiredText(root, "type", "type");
        if (!string.Equals(type, EtlNames.Triggered, StringComparison.OrdinalIgnoreCase))
        {
            throw Bad(
                $"type is {AttributeValueParser.Quote(type)}: POST …/etls defines TRIGGERED ETLs (a ONESHOT definition is sent with its file to POST …/etl-executions).",
                "type");
        }

        var name = RequiredText(root, "name", "name");
        OptionalText(root, "description", "description");
        var paused = ReadTriggering(root);
        var recipients = ReadRecipients(root);
        var files = ReadFiles(root);
        var formats = ReadPerFile(root, "inputFilesProperties", files, (item, path) => ReadCsvFormat(item, path));
        var transformations = ReadPerFile(root, "dataTransformations", files, ReadTransformations);
        var loadings = ReadLoadings(root, files, formats, transformations, recipients);

        var resolved = files.Select(f => new TriggeredEtlFile(f.FileCode, f.Pattern, loadings[f.FileCode], EtlTarget.Resolve(entity, loadings[f.FileCode]))).ToList();
        return new TriggeredEtlDraft(name, paused, resolved, recipients);
    }

    /// <summary>triggering: {type: API, paused}. Absent: API, not paused.</summary>
    private static bool ReadTriggering(JsonElement root)
    {
        if (OptionalObject(root, "triggering", "triggering") is not { } triggering)
        {
            return false;
        }

        var type = OptionalText(triggering, "type", "triggering.type") ?? "API";
        if (!string.Equals(type, "API", StringComparison.OrdinalIgnoreCase))
        {
            throw Bad(
                $"triggering.type {AttributeValueParser.Quote(type)} is not emulated: the emulator runs ETLs triggered by API (POST …/etls/{{etlId}}/trigger-execution with the file), not on a schedule or a file dropped on a remote location.",
                "triggering.type");
        }

        return OptionalFlag(triggering, "paused", "triggering.paused");
    }

    private static List<FileDraft> ReadFiles(JsonElement root)
    {
        var input = OptionalObject(root, "fileTransfer", "fileTransfer") is { } transfer ? OptionalObject(transfer, "input", "fileTransfer.input") : null;
        if (input is not { } files || !TryGet(files, "files", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw Bad($"{FilesPath} must be a non-empty array of {{fileCode, fileNamePattern}}: the files a trigger-execution call pushes.", FilesPath);
        }

        var result = new List<FileDraft>();
        foreach (var item in array.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{FilesPath}[{result.Count}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"{path} must be an object, not {Describe(item.ValueKind)}.", path);
            }

            var code = RequiredText(item, "fileCode", $"{path}.fileCode");
            if (!FileCodeSyntax().IsMatch(code))
            {
                throw Bad($"{path}.fileCode {AttributeValueParser.Quote(code)} must be 1 to 100 letters, digits, '_', '-' or '.' (it names the file's output files).", $"{path}.fileCode");
            }

            if (result.Any(f => f.FileCode == code))
            {
                throw new ApiErrorException(ApiError.BadRequest("DUPLICATE_FILE_CODE", $"{path}: fileCode '{code}' is already the code of another file.", $"{path}.fileCode"));
            }

            var compression = OptionalText(item, "compressionType", $"{path}.compressionType");
            if (compression is not null && compression.ToUpperInvariant() is not ("NONE" or "ZIP" or "GZIP"))
            {
                throw Bad($"{path}.compressionType {AttributeValueParser.Quote(compression)} is not one of NONE, ZIP, GZIP.", $"{path}.compressionType");
            }

            var pattern = ReadPattern(item, "fileNamePattern", path);
            ReadPattern(item, "compressedFileNamePattern", path);
            result.Add(new FileDraft(code, pattern, path));
        }

        if (result.Count > 1)
        {
            foreach (var file in result)
            {
                if (file.Pattern is null)
                {
                    throw new ApiErrorException(ApiError.BadRequest(
                        "INVALID_FILE_NAME_PATTERN",
                        $"{file.Path}: file '{file.FileCode}' has no fileNamePattern, which a multi-file ETL needs to find it in the pushed ZIP.",
                        $"{file.Path}.fileNamePattern"));
                }

                if (result.FirstOrDefault(other => other != file && other.Pattern!.Text == file.Pattern.Text) is { } twin)
                {
                    throw new ApiErrorException(ApiError.BadRequest(
                        "INVALID_FILE_NAME_PATTERN",
                        $"{twin.Path}: files '{file.FileCode}' and '{twin.FileCode}' have the same fileNamePattern '{file.Pattern.Text}', so a ZIP entry could not tell them apart.",
                        $"{twin.Path}.fileNamePattern"));
                }
            }
        }

        return result;
    }

    private static FileNamePattern? ReadPattern(JsonElement file, string property, string path)
    {
        if (OptionalText(file, property, $"{path}.{property}") is not { } text)
        {
            return null;
        }

        return FileNamePattern.TryParse(text, out var problem)
            ?? throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_FILE_NAME_PATTERN", $"{path}.{property} {AttributeValueParser.Quote(text)}: {problem}.", $"{path}.{property}"));
    }

    /// <summary>An optional array of objects that each name a file by fileCode, at most one per file.</summary>
    private static Dictionary<string, T> ReadPerFile<T>(JsonElement root, string property, List<FileDraft> files, Func<JsonElement, string, T> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (item, path, code) in PerFileItems(root, property, files))
        {
            if (result.ContainsKey(code))
            {
                throw new ApiErrorException(ApiError.BadRequest("DUPLICATE_FILE_CODE", $"{path}: {property} already has an entry for file '{code}'.", $"{path}.fileCode"));
            }

            result.Add(code, read(item, path));
        }

        return result;
    }

    private static IEnumerable<(JsonElement Item, string Path, string FileCode)> PerFileItems(JsonElement root, string property, List<FileDraft> files)
    {
        if (!TryGet(root, property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Bad($"{property} must be an array, not {Describe(array.ValueKind)}.", property);
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{property}[{index++}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"{path} must be an object, not {Describe(item.ValueKind)}.", path);
            }

            var code = RequiredText(item, "fileCode", $"{path}.fileCode");
            if (!files.Any(f => f.FileCode == code))
            {
                throw new ApiErrorException(ApiError.BadRequest(
                    "UNKNOWN_FILE_CODE",
                    $"{path}: fileCode '{code}' is not the code of a file of {FilesPath} ({string.Join(", ", files.Select(f => f.FileCode))}).",
                    $"{path}.fileCode"));
            }

            yield return (item, path, code);
        }
    }

    /// <summary>{fileCode, transformations: [{header, transformation: {type: DATE_FORMAT, format}}]}.</summary>
    private static List<EtlTransformation> ReadTransformations(JsonElement item, string path)
    {
        if (!TryGet(item, "transformations", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Bad($"{path}.transformations must be an array of {{header, transformation}}.", $"{path}.transformations");
        }

        var result = new List<EtlTransformation>();
        var index = 0;
        foreach (var entry in array.EnumerateArray())
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"{path}.transformations[{index++}]");
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"{where} must be an object, not {Describe(entry.ValueKind)}.", where);
            }

            var header = RequiredText(entry, "header", $"{where}.header");
            var transformation = RequiredObject(entry, "transformation", $"{where}.transformation");
            var type = RequiredText(transformation, "type", $"{where}.transformation.type");
            if (!string.Equals(type, EtlTransformation.DateFormat, StringComparison.OrdinalIgnoreCase))
            {
                throw Bad($"{where}.transformation.type {AttributeValueParser.Quote(type)} is not emulated (the emulator applies {EtlTransformation.DateFormat}).", $"{where}.transformation.type");
            }

            var format = RequiredText(transformation, "format", $"{where}.transformation.format");
            var parsed = EtlTransformation.TryCreateDateFormat(header, format, out var problem)
                ?? throw Bad($"{where}.transformation.format {AttributeValueParser.Quote(format)}: {problem}.", $"{where}.transformation.format");
            if (result.Any(t => t.Header == header))
            {
                throw Bad($"{where}: header '{header}' already has a transformation.", $"{where}.header");
            }

            result.Add(parsed);
        }

        return result;
    }

    /// <summary>dataLoadings: exactly one per file, each read as a one-shot's dataLoading is.</summary>
    private static Dictionary<string, EtlDefinition> ReadLoadings(
        JsonElement root,
        List<FileDraft> files,
        Dictionary<string, CsvFormat> formats,
        Dictionary<string, List<EtlTransformation>> transformations,
        List<string> recipients)
    {
        if (!TryGet(root, "dataLoadings", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw Bad(
                TryGet(root, "dataLoading", out _)
                    ? "A TRIGGERED ETL has a 'dataLoadings' array (one loading per fileCode); 'dataLoading' (one object) belongs to a one-shot definition."
                    : "dataLoadings must be a non-empty array: one loading per file, naming it by fileCode.",
                "dataLoadings");
        }

        var result = new Dictionary<string, EtlDefinition>(StringComparer.Ordinal);
        foreach (var (item, path, code) in PerFileItems(root, "dataLoadings", files))
        {
            if (result.ContainsKey(code))
            {
                throw new ApiErrorException(ApiError.BadRequest(
                    "DUPLICATE_FILE_CODE", $"{path}: file '{code}' already has a loading (the emulator loads each file into one table).", $"{path}.fileCode"));
            }

            result.Add(code, ReadLoading(item, path, formats.GetValueOrDefault(code) ?? CsvFormat.Default, recipients, transformations.GetValueOrDefault(code) ?? []));
        }

        if (files.FirstOrDefault(f => !result.ContainsKey(f.FileCode)) is { } unloaded)
        {
            throw Bad($"File '{unloaded.FileCode}' ({unloaded.Path}) has no entry in dataLoadings: every file needs the loading that takes it into a table.", "dataLoadings");
        }

        return result;
    }

    private sealed record FileDraft(string FileCode, FileNamePattern? Pattern, string Path);
}

/// <summary>A checked TRIGGERED definition, resolved against the entity's tables, waiting for its id.</summary>
internal sealed record TriggeredEtlDraft(string Name, bool Paused, IReadOnlyList<TriggeredEtlFile> Files, IReadOnlyList<string> ReportRecipients);
