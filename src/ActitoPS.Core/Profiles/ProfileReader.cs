using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>Reads Actito's profile answer into an <see cref="ActitoProfile"/>, typing values by the table's structure.</summary>
    internal static class ProfileReader
    {
        private static readonly string[] DateFormats = { "yyyy-MM-dd", "dd/MM/yyyy" };
        private static readonly string[] DateTimeFormats = { "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd" };

        public static ActitoProfile Read(string table, ProfileTable? structure, JToken response)
        {
            var body = response as JObject ?? new JObject();
            var attributes = new List<KeyValuePair<string, object?>>();
            foreach (var (name, value) in Attributes(body))
                attributes.Add(new KeyValuePair<string, object?>(name, Typed(structure?.FindAttribute(name), value)));
            if (structure != null)
            {
                // In the table's order, as Get-ActitoProfileTable lists them.
                var order = structure.Attributes.Select((a, i) => (a.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
                attributes = attributes.OrderBy(a => order.TryGetValue(a.Key, out var i) ? i : int.MaxValue).ToList();
            }

            var subscriptions = (body["subscriptions"] as JArray ?? new JArray()).OfType<JObject>()
                .Where(s => !string.IsNullOrEmpty((string?)s["name"]))
                .Select(s => new KeyValuePair<string, bool>((string)s["name"]!, JsonText.IsTrue(s["subscribe"])))
                .ToList();
            var segmentations = (body["segmentations"] as JArray ?? new JArray()).OfType<JObject>()
                .Where(s => !(s["belongs"] is JToken belongs) || JsonText.IsTrue(belongs))
                .Select(s => (Name: (string?)s["segmentation"]?["name"], Category: (string?)s["segmentation"]?["category"]))
                .Where(s => s.Name != null)
                .GroupBy(s => s.Name!, StringComparer.Ordinal)
                .Select(g => new KeyValuePair<string, string[]>(g.Key, g.Where(s => s.Category != null).Select(s => s.Category!).ToArray()))
                .ToList();
            return new ActitoProfile(structure?.Name ?? table, ReadProfileId(body), attributes, subscriptions, segmentations, PlainJson.From(response));
        }

        public static long? ReadProfileId(JToken response)
        {
            var id = (response as JObject)?["profileId"];
            if (id == null) return null;
            if (id.Type == JTokenType.Integer) return (long)id;
            return long.TryParse((string?)id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
        }

        /// <summary>Actito's list of name/value pairs, or (tolerantly) an object of attribute values.</summary>
        private static IEnumerable<(string Name, JToken? Value)> Attributes(JObject body)
        {
            switch (body["attributes"])
            {
                case JArray list:
                    return list.OfType<JObject>().Where(a => !string.IsNullOrEmpty((string?)a["name"])).Select(a => ((string)a["name"]!, a["value"]));
                case JObject map:
                    return map.Properties().Select(p => (p.Name, (JToken?)p.Value));
                default:
                    return Enumerable.Empty<(string, JToken?)>();
            }
        }

        internal static object? Typed(ProfileAttribute? attribute, JToken? value)
        {
            if (value == null || value.Type == JTokenType.Null) return null;
            var text = value is JValue plain ? Convert.ToString(plain.Value, CultureInfo.InvariantCulture) ?? string.Empty : value.ToString(Newtonsoft.Json.Formatting.None);
            switch (attribute?.ValueType)
            {
                case "INTEGER":
                    return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole : (object)text;
                case "DATE":
                    return DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (object)text;
                case "DATETIME":
                    return DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment) ? moment : (object)text;
                case "BOOLEAN":
                    var flag = Records.ValueFormatter.ParseYesNo(text);
                    return flag.HasValue ? flag.Value : (object)text;
            }
            switch (value.Type)
            {
                case JTokenType.Integer:
                    return (long)value;
                case JTokenType.Float:
                    return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : (object)text;
                case JTokenType.Boolean:
                    return (bool)value;
                default:
                    return text;
            }
        }

    }
}
