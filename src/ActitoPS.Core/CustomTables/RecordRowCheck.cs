using System;
using System.Globalization;
using System.Linq;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>
    /// A record row turned into Actito's body ({"properties":[{name,value}]}) and checked against the table's
    /// structure first: unknown fields, technical fields, a missing business key, a missing required field on a
    /// create, a value that cannot be its field's type — each the row's error, and no call.
    /// </summary>
    internal static class RecordRowCheck
    {
        private static readonly string[] DateFormats = { "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss" };

        /// <param name="needsKey">False for a PUT by business key, whose key is in the URL.</param>
        /// <param name="create">True for -CreateOnly: every required field must be there.</param>
        /// <returns>The body, with each field spelt as the structure spells it.</returns>
        public static JObject Build(CustomTable? table, ActitoRecord record, int row, bool needsKey, bool create)
        {
            var properties = new JArray();
            var given = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var cell in Flatten(record, row))
            {
                if (cell.Value == null || (cell.Value is string text && text.Trim().Length == 0)) continue;
                var name = cell.Key;
                JToken value;
                try
                {
                    // Custom-table moments keep their offset (Actito writes them so); profile date-times have none.
                    value = cell.Value is DateTimeOffset moment
                        ? new JValue(moment.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))
                        : ValueFormatter.ToJson(cell.Value);
                }
                catch (Exception problem) when (problem is FormatException || problem is OverflowException)
                {
                    throw new ActitoRecordException(row, name, problem.Message, problem);
                }
                if (table != null)
                {
                    var field = table.FindField(name)
                        ?? throw new ActitoRecordException(row, name, $"custom table '{table.TechnicalName}' has no field '{name}'. Get-ActitoCustomTable -Name {table.TechnicalName} lists its fields.");
                    if (table.IsTechnical(field.FieldName))
                        throw new ActitoRecordException(row, field.FieldName, $"{field.FieldName} is set by Actito itself and cannot be sent: leave the column out (-ExcludeProperty {field.FieldName}).");
                    Check(field, value, row);
                    name = field.FieldName;
                }
                if (!given.Add(name)) throw new ActitoRecordException(row, name, $"the row gives {name} twice.");
                properties.Add(new JObject { ["name"] = name, ["value"] = value });
            }

            if (table != null)
            {
                if (needsKey && table.BusinessKeyField != null && !given.Contains(table.BusinessKeyField))
                    throw new ActitoRecordException(row, table.BusinessKeyField, $"the row has no {table.BusinessKeyField}, the business key of '{table.TechnicalName}' that identifies a record.");
                var missing = create ? table.Fields.FirstOrDefault(f => f.Required && !table.IsTechnical(f.FieldName) && !given.Contains(f.FieldName)) : null;
                if (missing != null)
                    throw new ActitoRecordException(row, missing.FieldName, $"{missing.FieldName} is required in '{table.TechnicalName}': a created record must have it.");
            }
            if (properties.Count == 0) throw new ActitoRecordException(row, null, "the row has no value to send (every cell is empty).");
            return new JObject { ["properties"] = properties };
        }

        /// <summary>A row in Actito's own shape ({"properties":[{name,value}…]}, read with ConvertFrom-Json) as plain name/value cells.</summary>
        private static System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, object?>> Flatten(ActitoRecord record, int row)
        {
            if (!(record.Count == 1 && record.TryGetValue("properties", out var list) && list is System.Collections.Generic.IList<object?> items)) return record;
            var cells = new System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object?>>();
            var index = 0;
            foreach (var item in items)
            {
                index++;
                if (!(item is ActitoRecord property) || !property.TryGetValue("name", out var name) || !(name is string text) || text.Length == 0)
                    throw new ActitoRecordException(row, $"properties[{index}]", "each property needs a 'name' and a 'value'.");
                property.TryGetValue("value", out var value);
                cells.Add(new System.Collections.Generic.KeyValuePair<string, object?>(text, value));
            }
            return cells;
        }

        private static void Check(CustomTableField field, JToken value, int row)
        {
            var text = Convert.ToString((value as JValue)?.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            bool fits;
            string expected;
            switch (field.Type.ToUpperInvariant())
            {
                case "LONG":
                case "INTEGER":
                    fits = value.Type == JTokenType.Integer || long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
                    expected = "a whole number";
                    break;
                case "DOUBLE":
                case "DECIMAL":
                    fits = value.Type == JTokenType.Integer || value.Type == JTokenType.Float || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                    expected = "a number with '.' for decimals";
                    break;
                case "BOOLEAN":
                    fits = value.Type == JTokenType.Boolean || ValueFormatter.ParseYesNo(text).HasValue;
                    expected = "true or false";
                    break;
                case "DATE":
                    fits = DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ||
                           (text.Length > 19 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
                    expected = "yyyy-MM-dd, yyyy-MM-dd HH:mm:ss, or an ISO 8601 moment with its offset";
                    break;
                default:
                    return;
            }
            if (!fits)
                throw new ActitoRecordException(row, field.FieldName, $"'{(text.Length <= 60 ? text : text.Substring(0, 60) + "…")}' is not a valid {field.Type} (expected {expected}).");
        }
    }
}
