using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ActitoPS.Emulator.Json;

internal static class EmulatorJson
{
    /// <summary>
    /// Responses: camelCase like Actito, and absent rather than null where a field does not apply. Text is
    /// escaped as a JSON API (not an HTML page) needs, so "+01:00" and "john+news@…" go out as written,
    /// as Actito's own answers do, rather than as \u002B.
    /// </summary>
    public static readonly JsonSerializerOptions Api = CreateApi();

    /// <summary>Licence files are edited by hand, so comments and trailing commas are forgiven.</summary>
    public static readonly JsonSerializerOptions Licence = CreateLicence();

    private static JsonSerializerOptions CreateApi()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly();
        return options;
    }

    private static JsonSerializerOptions CreateLicence()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
