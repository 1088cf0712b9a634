using System;
using System.Globalization;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>A row's value as a CSV cell, whatever the session's culture: dates yyyy-MM-dd, date-times yyyy-MM-dd HH:mm:ss, true/false, numbers with '.'.</summary>
    internal static class EtlValueText
    {
        /// <exception cref="FormatException">The value has no CSV form (a nested object, a list, NaN).</exception>
        public static string Of(object? value)
        {
            switch (value)
            {
                case null:
                    return string.Empty;
                case string text:
                    // Left as given: leading zeros, spaces and all.
                    return text;
                case ActitoRecord _:
                case System.Collections.Generic.IEnumerable<object?> _:
                    throw new FormatException("a nested object or a list cannot be a cell of an import file.");
                // The common types directly (a million rows a file): the same text the JSON formatter gives them.
                case bool flag:
                    return flag ? "true" : "false";
                case int number:
                    return number.ToString(CultureInfo.InvariantCulture);
                case long number:
                    return number.ToString(CultureInfo.InvariantCulture);
                case decimal number:
                    return number.ToString(CultureInfo.InvariantCulture);
                case DateTime date:
                    return ValueFormatter.FormatDate(date);
                case DateTimeOffset moment:
                    return ValueFormatter.FormatDate(moment.DateTime);
            }
            var json = ValueFormatter.ToJson(value);
            return json is JValue plain
                ? plain.Type == JTokenType.Boolean ? ((bool)plain ? "true" : "false") : Convert.ToString(plain.Value, CultureInfo.InvariantCulture) ?? string.Empty
                : json.ToString(Newtonsoft.Json.Formatting.None);
        }
    }
}
