using System.Globalization;
using System.Text;
using System.Text.Json;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Profiles;
using static ActitoPS.Emulator.Json.JsonEnvelope;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// Reads the <c>oneshotEtl</c> part in the feeding guide's shape. Property names match in any case and
/// unknown ones are ignored, as elsewhere in the emulator; enumerated values (ONESHOT, modes, destination
/// types) match in any case too. The first problem found is a 400 INVALID_DEFINITION whose field is the
/// property's path.
/// </summary>
internal static class EtlDefinitionParser
{
    private const string InvalidDefinition = "INVALID_DEFINITION";

    /// <exception cref="ApiErrorException">400 INVALID_DEFINITION, or INVALID_MAPPING for a mapping that repeats a header.</exception>
    public static EtlDefinition Parse(ReadOnlyMemory<byte> json)
    {
        // An editor's BOM before the JSON is no reason to refuse a definition (the data file is another matter).
        var bytes = json.Span.StartsWith(Encoding.UTF8.Preamble) ? json[Encoding.UTF8.Preamble.Length..] : json;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw Bad($"The oneshotEtl definition is not valid JSON: {ex.Message}", "oneshotEtl");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static EtlDefinition Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"The oneshotEtl definition must be a JSON object, not {Describe(root.ValueKind)}.", "oneshotEtl");
        }

        var type = RequiredText(root, "type", "type");
        if (!string.Equals(type, EtlNames.OneShot, StringComparison.OrdinalIgnoreCase))
        {
            throw Bad($"type is {AttributeValueParser.Quote(type)}: this call launches ONESHOT executions only (a TRIGGERED ETL is defined with POST …/etls and run with POST …/etls/{{etlId}}/trigger-execution).", "type");
        }

        var csv = TryGet(root, "inputFileProperties", out var properties) && properties.ValueKind != JsonValueKind.Null
            ? ReadCsvFormat(properties, "inputFileProperties")
            : CsvFormat.Default;
        if (TryGet(root, "dataLoadings", out _) && !TryGet(root, "dataLoading", out _))
        {
            throw Bad("A one-shot definition has one 'dataLoading' object; 'dataLoadings' (an array) belongs to a TRIGGERED ETL.", "dataLoading");
        }

        var loading = RequiredObject(root, "dataLoading", "dataLoading");
        return ReadLoading(loading, "dataLoading", csv, ReadRecipients(root), []);
    }

    /// <summary>A dataLoading object (one-shot) or an element of dataLoadings (TRIGGERED): destination, mapping, parameters.</summary>
    /// <param name="path">The loading's path in the definition: dataLoading, dataLoadings[1].</param>
    public static EtlDefinition ReadLoading(JsonElement loading, string path, CsvFormat csv, IReadOnlyList<string> recipients, IReadOnlyList<EtlTransformation> transformations)
    {
        var destination = RequiredObject(loading, "destination", $"{path}.destination");
        var destinationType = ReadDestinationType(destination, path);
        var destinationRef = ReadDestinationRef(destination, path);
        var mapping = ReadMapping(destination, path);

        var parameters = RequiredObject(loading, "parameters", $"{path}.parameters");
        var modeText = RequiredText(parameters, "mode", $"{path}.parameters.mode");
        if (!EtlNames.TryParseMode(modeText, out var mode))
        {
            throw Bad($"{path}.parameters.mode {AttributeValueParser.Quote(modeText)} is not one of {string.Join(", ", EtlNames.ModeNames)}.", $"{path}.parameters.mode");
        }

        return new EtlDefinition(
            csv,
            destinationType,
            destinationRef,
            mapping,
            mode,
            OptionalText(parameters, "keyAttribute", $"{path}.parameters.keyAttribute"),
            OptionalFlag(parameters, "generateErrorFiles", $"{path}.parameters.generateErrorFiles"),
            OptionalFlag(parameters, "generateResultFiles", $"{path}.parameters.generateResultFiles"),
            recipients,
            path,
            transformations);
    }

    /// <summary>An object holding an optional csvFormat (inputFileProperties, or an element of inputFilesProperties).</summary>
    /// <param name="path">The holder's path: inputFileProperties, inputFilesProperties[0].</param>
    public static CsvFormat ReadCsvFormat(JsonElement properties, string path)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"{path} must be an object, not {Describe(properties.ValueKind)}.", path);
        }

        var format = OptionalObject(properties, "csvFormat", $"{path}.csvFormat");
        if (format is not { } csv)
        {
            return CsvFormat.Default;
        }

        var separator = OptionalChar(csv, "separator", $"{path}.csvFormat.separator") ?? CsvFormat.Default.Separator;
        var enclosing = OptionalChar(csv, "enclosing", $"{path}.csvFormat.enclosing") ?? CsvFormat.Default.Enclosing;
        if (separator == enclosing)
        {
            throw Bad($"{path}.csvFormat: the separator and the enclosing character must differ.", $"{path}.csvFormat.separator");
        }

        var encodingName = OptionalText(csv, "encoding", $"{path}.csvFormat.encoding") ?? CsvFormat.Utf8;
        return encodingName.ToUpperInvariant() switch
        {
            "UTF-8" or "UTF8" => new CsvFormat(separator, enclosing, CsvFormat.StrictUtf8, CsvFormat.Utf8),
            "ISO-8859-1" or "ISO8859-1" or "ISO_8859_1" or "LATIN1" => new CsvFormat(separator, enclosing, Encoding.Latin1, CsvFormat.Latin1),
            _ => throw Bad(
                $"{path}.csvFormat.encoding {AttributeValueParser.Quote(encodingName)} is not supported (Actito takes UTF-8 or ISO-8859-1).",
                $"{path}.csvFormat.encoding"),
        };
    }

    private static EtlDestinationType ReadDestinationType(JsonElement destination, string path)
    {
        var text = RequiredText(destination, "type", $"{path}.destination.type");
        return EtlNames.TryParseDestination(text, out var type)
            ? type
            : throw Bad($"{path}.destination.type {AttributeValueParser.Quote(text)} is not one of {string.Join(", ", EtlNames.DestinationNames)}.", $"{path}.destination.type");
    }

    /// <summary>The guide gives the table's id (as text); a name is accepted too, and an id as a JSON number.</summary>
    private static string ReadDestinationRef(JsonElement destination, string path)
    {
        foreach (var property in new[] { "id", "name" })
        {
            if (TryGet(destination, property, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                var text = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.Number => value.GetRawText(),
                    _ => throw Bad($"{path}.destination.{property} must be text, not {Describe(value.ValueKind)}.", $"{path}.destination.{property}"),
                };
                if (text.Length > 0)
                {
                    return text;
                }
            }
        }

        throw Bad($"{path}.destination needs the table's 'id' (or its 'name').", $"{path}.destination.id");
    }

    private static List<EtlMapping> ReadMapping(JsonElement destination, string loadingPath)
    {
        var path = $"{loadingPath}.destination.attributesMapping";
        if (!TryGet(destination, "attributesMapping", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw Bad($"{path} must be a non-empty array of {{header, attributeName}}.", path);
        }

        var mapping = new List<EtlMapping>();
        var headers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array.EnumerateArray())
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"{path}[{mapping.Count}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"{where} must be an object, not {Describe(item.ValueKind)}.", where);
            }

            var header = RequiredText(item, "header", $"{where}.header");
            var attributeName = RequiredText(item, "attributeName", $"{where}.attributeName");
            if (!headers.Add(header))
            {
                throw new ApiErrorException(ApiError.BadRequest("INVALID_MAPPING", $"{where}: header '{header}' is mapped twice.", header));
            }

            mapping.Add(new EtlMapping(
                mapping.Count,
                header,
                attributeName,
                OptionalFlag(item, "ignoreEmptyValues", $"{where}.ignoreEmptyValues"),
                OptionalFlag(item, "ignoreInvalidValues", $"{where}.ignoreInvalidValues")));
        }

        return mapping;
    }

    public static List<string> ReadRecipients(JsonElement root)
    {
        if (!TryGet(root, "reportRecipients", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
        {
            throw Bad("reportRecipients must be an array of e-mail addresses.", "reportRecipients");
        }

        return array.EnumerateArray().Select(r => r.GetString()!).ToList();
    }

    public static JsonElement RequiredObject(JsonElement item, string property, string path) =>
        OptionalObject(item, property, path) ?? throw Bad($"{path} is required (an object).", path);

    public static JsonElement? OptionalObject(JsonElement item, string property, string path)
    {
        if (!TryGet(item, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw Bad($"{path} must be an object, not {Describe(value.ValueKind)}.", path);
    }

    public static string RequiredText(JsonElement item, string property, string path) =>
        OptionalText(item, property, path) is { Length: > 0 } text ? text : throw Bad($"{path} is required (text).", path);

    public static string? OptionalText(JsonElement item, string property, string path)
    {
        if (!TryGet(item, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Bad($"{path} must be text, not {Describe(value.ValueKind)}.", path);
    }

    private static char? OptionalChar(JsonElement item, string property, string path)
    {
        var text = OptionalText(item, property, path);
        if (text is null)
        {
            return null;
        }

        return text.Length == 1 && text[0] is not ('\r' or '\n')
            ? text[0]
            : throw Bad($"{path} must be a single character other than CR or LF, not {AttributeValueParser.Quote(text)}.", path);
    }

    /// <summary>JSON true/false, or "true"/"false" in any case; absent: false.</summary>
    public static bool OptionalFlag(JsonElement item, string property, string path)
    {
        if (!TryGet(item, property, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var flag) => flag,
            _ => throw Bad($"{path} must be true or false, not {value.GetRawText()}.", path),
        };
    }

    public static ApiErrorException Bad(string message, string field) =>
        new(ApiError.BadRequest(InvalidDefinition, message, field));
}
