using System.Text.Json;

namespace ActitoPS.Emulator.Json;

/// <summary>
/// Reading request bodies as a default Spring/Jackson service would: envelope property names match in any
/// case and unknown ones are ignored. One set of rules for profile bodies, record bodies and ETL definitions.
/// </summary>
internal static class JsonEnvelope
{
    public static bool TryGet(JsonElement item, string property, out JsonElement value)
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

    /// <summary>For messages: "an object", "a string"…</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
