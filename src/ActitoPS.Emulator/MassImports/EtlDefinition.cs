using System.Text;

namespace ActitoPS.Emulator.MassImports;

internal enum EtlMode
{
    CreateOrUpdate,
    CreateOnly,
    UpdateOnly,
    Delete,
}

internal enum EtlDestinationType
{
    ProfileTable,
    CustomTable,
}

/// <summary>
/// One loading, read but not yet resolved against the licence: a one-shot definition (the <c>oneshotEtl</c>
/// part), or one file of a TRIGGERED ETL with its loading, CSV format and transformations.
/// </summary>
/// <param name="DestinationRef">The destination's id, or its name (profile table name, custom table technicalName).</param>
/// <param name="KeyAttribute">dataLoading.parameters.keyAttribute (the emulator's name): null when not given.</param>
/// <param name="Path">Where the loading sits in its definition, for messages and error fields: <c>dataLoading</c>, <c>dataLoadings[1]</c>.</param>
/// <param name="Transformations">dataTransformations of a TRIGGERED ETL's file, by header; none for a one-shot.</param>
internal sealed record EtlDefinition(
    CsvFormat Csv,
    EtlDestinationType DestinationType,
    string DestinationRef,
    IReadOnlyList<EtlMapping> Mapping,
    EtlMode Mode,
    string? KeyAttribute,
    bool GenerateErrorFiles,
    bool GenerateResultFiles,
    IReadOnlyList<string> ReportRecipients,
    string Path = "dataLoading",
    IReadOnlyList<EtlTransformation>? Transformations = null)
{
    public IReadOnlyList<EtlTransformation> Transformations { get; init; } = Transformations ?? [];
}

/// <param name="Index">Its position in attributesMapping, for messages.</param>
internal sealed record EtlMapping(int Index, string Header, string AttributeName, bool IgnoreEmptyValues, bool IgnoreInvalidValues)
{
    public string Where => $"attributesMapping[{Index}] (header '{Header}')";
}

/// <param name="EncodingName">As the definition spelled it, canonical: UTF-8 or ISO-8859-1.</param>
internal sealed record CsvFormat(char Separator, char Enclosing, Encoding Encoding, string EncodingName)
{
    public const string Utf8 = "UTF-8";
    public const string Latin1 = "ISO-8859-1";

    /// <summary>Throws on bytes that are not UTF-8, so that such a file fails instead of loading U+FFFD.</summary>
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static readonly CsvFormat Default = new(',', '"', StrictUtf8, Utf8);
}

/// <summary>The definition's spellings of modes and destination types.</summary>
internal static class EtlNames
{
    public const string OneShot = "ONESHOT";
    public const string Triggered = "TRIGGERED";

    /// <summary>The feeding guide's list still says CREATE_UPDATE; its JSON and the v5 API say CREATE_OR_UPDATE.</summary>
    public const string LegacyCreateOrUpdate = "CREATE_UPDATE";

    private static readonly Dictionary<string, EtlMode> Modes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CREATE_OR_UPDATE"] = EtlMode.CreateOrUpdate,
        [LegacyCreateOrUpdate] = EtlMode.CreateOrUpdate,
        ["CREATE_ONLY"] = EtlMode.CreateOnly,
        ["UPDATE_ONLY"] = EtlMode.UpdateOnly,
        ["DELETE"] = EtlMode.Delete,
    };

    private static readonly Dictionary<string, EtlDestinationType> Destinations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PROFILE_TABLE"] = EtlDestinationType.ProfileTable,
        ["CUSTOM_TABLE"] = EtlDestinationType.CustomTable,
    };

    public static IEnumerable<string> ModeNames => Modes.Keys;

    public static IEnumerable<string> DestinationNames => Destinations.Keys;

    public static bool TryParseMode(string text, out EtlMode mode) => Modes.TryGetValue(text, out mode);

    public static bool TryParseDestination(string text, out EtlDestinationType type) => Destinations.TryGetValue(text, out type);

    public static string ToWire(this EtlMode mode) => mode switch
    {
        EtlMode.CreateOrUpdate => "CREATE_OR_UPDATE",
        EtlMode.CreateOnly => "CREATE_ONLY",
        EtlMode.UpdateOnly => "UPDATE_ONLY",
        _ => "DELETE",
    };

    public static string ToWire(this EtlDestinationType type) =>
        type == EtlDestinationType.ProfileTable ? "PROFILE_TABLE" : "CUSTOM_TABLE";
}
