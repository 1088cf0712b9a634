using System;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>Reads Actito's record answer ({"properties":[…],"businessKey":…}) into a <see cref="CustomTableRecord"/>, typed by the structure.</summary>
    internal static class RecordReader
    {
        private static readonly string[] DateFormats = { "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss" };

        public static CustomTableRecord Read(string table, CustomTable? structure, JObject record)
        {
            var fields = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            var properties = (record["properties"] as JArray ?? new JArray()).OfType<JObject>()
                .Where(p => !string.IsNullOrEmpty((string?)p["name"]))
                .Select(p => (Name: (string)p["name"]!, Value: p["value"]))
                .ToList();
            if (structure != null)
            {
                // In the structure's order and spelling, as Get-ActitoCustomTable lists them.
                var order = structure.Fields.Select((f, i) => (f.FieldName, i)).GroupBy(x => x.FieldName, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
                properties = properties.OrderBy(p => order.TryGetValue(p.Name, out var i) ? i : int.MaxValue).ToList();
            }
            foreach (var (name, value) in properties)
            {
                var field = structure?.FindField(name);
                fields[field?.FieldName ?? name] = Typed(field, value);
            }
            var key = record["businessKey"] is JValue plain && plain.Value != null ? Convert.ToString(plain.Value, CultureInfo.InvariantCulture) : null;
            if (key == null && structure?.BusinessKeyField != null && fields.Contains(structure.BusinessKeyField))
                key = Convert.ToString(fields[structure.BusinessKeyField], CultureInfo.InvariantCulture);
            return new CustomTableRecord(structure?.TechnicalName ?? table, key, fields, PlainJson.From(record));
        }

        internal static object? Typed(CustomTableField? field, JToken? value)
        {
            if (value == null || value.Type == JTokenType.Null) return null;
            var text = value is JValue plain ? Convert.ToString(plain.Value, CultureInfo.InvariantCulture) ?? string.Empty : value.ToString(Newtonsoft.Json.Formatting.None);
            switch (field?.Type.ToUpperInvariant())
            {
                case "LONG":
                case "INTEGER":
                    return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole : (object)text;
                case "DOUBLE":
                case "DECIMAL":
                    return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : (object)text;
                case "BOOLEAN":
                    var flag = Records.ValueFormatter.ParseYesNo(text);
                    return flag.HasValue ? flag.Value : (object)text;
                case "DATE":
                    // With an offset, as Actito writes moments: a DateTimeOffset; without, a DateTime.
                    if (value.Type == JTokenType.Date) return value.ToObject<DateTimeOffset>();
                    if (text.Length > 19 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)) return moment;
                    return DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (object)text;
            }
            switch (value.Type)
            {
                case JTokenType.Integer: return (long)value;
                case JTokenType.Float: return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (object)text;
                case JTokenType.Boolean: return (bool)value;
                default: return text;
            }
        }
    }
}
