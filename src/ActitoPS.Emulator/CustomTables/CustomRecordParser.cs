using System.Text.Json;
using ActitoPS.Emulator.Errors;

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
            var name = RequiredName(item, index);
            var field = schema.FindField(name)
                ?? throw Bad("UNKNOWN_FIELD", $"Field '{name}' does not exist in custom table '{schema.TechnicalName}'.", name);
            if (field.Technical)
            {
                throw Bad("TECHNICAL_FIELD", $"Field '{field.Name}' is technical: the server sets it, a call cannot give it.", field.Name);
            }

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

    private static bool TryGet(JsonElement item, string property, out JsonElement value)
    {
        foreach (var candidate in item.EnumerateObject())
        {
            if (string.Equals(candidate.Name, property, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static ApiErrorException Bad(string code, string message, string? field = null) =>
        new(ApiError.BadRequest(code, message, field));
}
