using System;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Reads Actito's error bodies. Their shape is not public, so this looks for the usual places a
    /// message and a field name live, and otherwise gives nothing (the raw body is kept anyway).
    /// </summary>
    internal static class ActitoErrorBody
    {
        private static readonly string[] MessageNames = { "message", "errorMessage", "error_description", "detail", "description", "error", "title" };
        private static readonly string[] FieldNames = { "field", "fieldName", "attribute", "attributeName", "property" };

        public static (string? Message, string? Field) Read(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return (null, null);
            JToken token;
            try
            {
                token = JsonText.Parse(body!);
            }
            catch (Newtonsoft.Json.JsonException)
            {
                // A gateway's HTML or plain text: show its first line, never a whole page.
                var firstLine = body!.Trim().Split('\n')[0].Trim();
                return (firstLine.StartsWith("<", StringComparison.Ordinal) ? null : Truncate(firstLine), null);
            }
            return (FindMessage(token), FindString(token, FieldNames));
        }

        private static string? FindMessage(JToken token)
        {
            if (token is JArray array)
            {
                var messages = array.Select(FindMessage).Where(m => !string.IsNullOrEmpty(m)).ToList();
                return messages.Count == 0 ? null : string.Join("; ", messages);
            }
            if (token is JObject obj)
            {
                var direct = FindString(obj, MessageNames);
                if (direct != null) return direct;
                foreach (var listName in new[] { "errors", "violations", "details" })
                {
                    if (obj[listName] is JArray inner)
                    {
                        var message = FindMessage(inner);
                        if (message != null) return message;
                    }
                }
            }
            if (token.Type == JTokenType.String) return Truncate((string)token!);
            return null;
        }

        private static string? FindString(JToken token, string[] names)
        {
            if (token is JObject obj)
            {
                foreach (var name in names)
                {
                    var value = obj.GetValue(name, StringComparison.OrdinalIgnoreCase);
                    if (value != null && value.Type == JTokenType.String && !string.IsNullOrWhiteSpace((string?)value))
                        return Truncate((string)value!);
                    if (value is JObject nested)
                    {
                        var inner = FindString(nested, names);
                        if (inner != null) return inner;
                    }
                }
            }
            if (token is JArray array)
            {
                foreach (var item in array)
                {
                    var inner = FindString(item, names);
                    if (inner != null) return inner;
                }
            }
            return null;
        }

        private static string Truncate(string text) => text.Length <= 500 ? text : text.Substring(0, 500) + "…";
    }
}
