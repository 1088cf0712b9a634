using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Actito's JSON as plain .NET values for output: objects become ordered dictionaries (PowerShell
    /// reads their keys as properties: $result.Response.profileId), arrays become object arrays, and
    /// values keep their JSON type. Every field is kept, known to the module or not.
    /// </summary>
    public static class PlainJson
    {
        public static object? From(JToken? token)
        {
            switch (token)
            {
                case null:
                    return null;
                case JObject obj:
                    var dictionary = new OrderedDictionary(System.StringComparer.OrdinalIgnoreCase);
                    foreach (var property in obj.Properties()) dictionary[property.Name] = From(property.Value);
                    return dictionary;
                case JArray array:
                    return array.Select(From).ToArray();
                case JValue value:
                    return value.Value;
                default:
                    return token.ToString();
            }
        }
    }
}
