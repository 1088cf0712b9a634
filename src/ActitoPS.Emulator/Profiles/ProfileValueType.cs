namespace ActitoPS.Emulator.Profiles;

internal enum ProfileValueType
{
    String,
    Integer,
    Date,
    DateTime,
    Boolean,
    Email,
    Sex,
    Language,
    Country,
    Phone,
}

internal static class ProfileValueTypes
{
    private static readonly Dictionary<string, ProfileValueType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STRING"] = ProfileValueType.String,
        ["INTEGER"] = ProfileValueType.Integer,
        ["DATE"] = ProfileValueType.Date,
        ["DATETIME"] = ProfileValueType.DateTime,
        ["BOOLEAN"] = ProfileValueType.Boolean,
        ["EMAIL"] = ProfileValueType.Email,
        ["SEX"] = ProfileValueType.Sex,
        ["LANGUAGE"] = ProfileValueType.Language,
        ["COUNTRY"] = ProfileValueType.Country,
        ["PHONE"] = ProfileValueType.Phone,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out ProfileValueType type)
    {
        type = default;
        return name is not null && ByName.TryGetValue(name, out type);
    }

    /// <summary>The name Actito uses on the wire (upper case).</summary>
    public static string ToWireName(this ProfileValueType type) => type.ToString().ToUpperInvariant();
}
