using System.Text.Json;
using ActitoPS.Emulator.Errors;
using static ActitoPS.Emulator.Json.JsonEnvelope;

namespace ActitoPS.Emulator.CustomTables;

/// <summary>
/// Reads <c>{"properties":[{"name","value"}…]}</c> against a table. Envelope and field names match in any
/// case (fields are stored under the structure's spelling); unknown envelope properties are ignored, as a
/// default Spring/Jackson service would. Values may be text whatever the type ("185" for a Long).
/// </summary>
internal static class CustomRecordParser
{
    /// <exception cref="ApiErrorException">The first problem found.</exception>
    public static CustomRecordWrite Parse(JsonElement root, CustomTableSchema schema)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad("INVALID_BODY", $"The request body must be a JSON object with 'properties', not {Describe(root.ValueKind)}.");
        }

        var write = new CustomRecordWrite();
        var seen = new HashSet<CustomFieldSchema>();
        foreach (var (item, index) in Items(root))
        {
            var field = WritableField(schema, RequiredName(item, index));
            if (!seen.Add(field))
            {
                throw Bad("DUPLICATE_FIELD", $"Field '{field.Name}' is given more than once.", field.Name);
            }

            var value = TryGet(item, "value", out var raw) ? CustomValues.Parse(field, raw) : null;
            if (field == schema.BusinessKey)
            {
                write.BusinessKey = value ?? throw MissingBusinessKey(schema);
            }

            write.Fields.Add(new(field, value));
        }

        return write;
    }

    /// <summary>The field a body (or an ETL mapping) names, in any case, if a write may give it.</summary>
    /// <exception cref="ApiErrorException">400 UNKNOWN_FIELD or TECHNICAL_FIELD.</exception>
    public static CustomFieldSchema WritableField(CustomTableSchema schema, string name)
    {
        var field = schema.FindField(name)
            ?? throw Bad("UNKNOWN_FIELD", $"Field '{name}' does not exist in custom table '{schema.TechnicalName}'.", name);
        return field.Technical
            ? throw Bad("TECHNICAL_FIELD", $"Field '{field.Name}' is technical: the server sets it, a call cannot give it.", field.Name)
            : field;
    }

    public static ApiErrorException MissingBusinessKey(CustomTableSchema schema) =>
        Bad("MISSING_BUSINESS_KEY",
            $"The record has no value for the business key '{schema.BusinessKey.Name}' of custom table '{schema.TechnicalName}'.",
            schema.BusinessKey.Name);

    private static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement root)
    {
        if (!TryGet(root, "properties", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Bad("INVALID_BODY", $"'properties' must be a JSON array, not {Describe(array.ValueKind)}.", "properties");
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Bad("INVALID_BODY", $"properties[{index}] must be a JSON object, not {Describe(item.ValueKind)}.", "properties");
            }

            yield return (item, index++);
        }
    }

    private static string RequiredName(JsonElement item, int index)
    {
        if (TryGet(item, "name", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } name)
        {
            return name;
        }

        throw Bad("INVALID_BODY", $"properties[{index}] has no 'name' text.", "properties");
    }

    private static ApiErrorException Bad(string code, string message, string? field = null) =>
        new(ApiError.BadRequest(code, message, field));
}
