using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.TestSupport;

/// <summary>JSON as ConvertFrom-Json hands it to a cmdlet: nested objects and arrays, dates left as text.</summary>
public static class JsonInput
{
    public static Dictionary<string, object?> Parse(string json) =>
        JsonConvert.DeserializeObject<Dictionary<string, object?>>(json, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })!;

    /// <summary>The unwrap hook for the record converter, standing in for the cmdlet's PSObject one.</summary>
    public static object? Unwrap(object value) => value switch
    {
        JObject obj => obj.ToObject<Dictionary<string, object?>>(),
        JArray array => array.Select(i => i is JValue v ? v.Value : (object)i).ToList(),
        JValue v => v.Value,
        _ => value,
    };
}
