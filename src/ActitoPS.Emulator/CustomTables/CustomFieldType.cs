namespace ActitoPS.Emulator.CustomTables;

/// <summary>The field types the emulator knows: the guide's Long, String and Date, plus Double and Boolean.</summary>
internal enum CustomFieldType
{
    Long,
    String,
    Date,
    Double,
    Boolean,
}

internal static class CustomFieldTypes
{
    private static readonly Dictionary<string, CustomFieldType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Long"] = CustomFieldType.Long,
        ["String"] = CustomFieldType.String,
        ["Date"] = CustomFieldType.Date,
        ["Double"] = CustomFieldType.Double,
        ["Boolean"] = CustomFieldType.Boolean,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>Any case, like the profile tables' value types.</summary>
    public static bool TryParse(string? name, out CustomFieldType type)
    {
        type = default;
        return name is not null && ByName.TryGetValue(name, out type);
    }

    public static string ExpectedFormat(this CustomFieldType type) => type switch
    {
        CustomFieldType.Long => "a whole number (JSON number or digits)",
        CustomFieldType.Double => "a number (JSON number or text like 12.5)",
        CustomFieldType.Boolean => "true or false",
        CustomFieldType.Date => "yyyy-MM-dd, yyyy-MM-dd HH:mm:ss or ISO 8601 with an offset like 2019-02-25T17:26:44+01:00",
        _ => "text",
    };
}
