using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// One way to read Actito's JSON: dates stay the strings Actito sent (no culture or time-zone
    /// reinterpretation) and decimals stay exact, so output keeps every field as returned.
    /// </summary>
    public static class JsonText
    {
        public static JToken Parse(string json)
        {
            using (var reader = new JsonTextReader(new StringReader(json))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            })
            {
                var token = JToken.ReadFrom(reader);
                // Trailing garbage after a valid value is an invalid body, not a partial success.
                if (reader.Read() && reader.TokenType != JsonToken.Comment)
                    throw new JsonReaderException("Unexpected content after the JSON value.");
                return token;
            }
        }

        public static string Write(JToken token) => token.ToString(Formatting.None);

        /// <summary>A flag Actito writes as a JSON boolean or as the text "true" (any case).</summary>
        public static bool IsTrue(JToken? token) =>
            token != null && (token.Type == JTokenType.Boolean ? (bool)token : string.Equals((string?)token, "true", System.StringComparison.OrdinalIgnoreCase));
    }
}
