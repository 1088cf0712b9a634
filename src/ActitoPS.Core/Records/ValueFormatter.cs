using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Records
{
    /// <summary>
    /// Writes values the way Actito reads them, whatever the session's culture: numbers with a dot,
    /// dates as yyyy-MM-dd, date-times as yyyy-MM-dd HH:mm:ss, booleans as true/false.
    /// </summary>
    public static class ValueFormatter
    {
        public const string DateFormat = "yyyy-MM-dd";
        public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

        /// <exception cref="FormatException">The value has no Actito form; the message says why.</exception>
        public static JToken ToJson(object? value)
        {
            switch (value)
            {
                case null:
                    return JValue.CreateNull();
                case string s:
                    return new JValue(s);
                case bool b:
                    return new JValue(b);
                case DateTime dt:
                    return new JValue(FormatDate(dt));
                case DateTimeOffset dto:
                    // Actito's date-times carry no offset: the clock time the caller sees is what is meant.
                    return new JValue(FormatDate(dto.DateTime));
                case double d when double.IsNaN(d) || double.IsInfinity(d):
                case float f when float.IsNaN(f) || float.IsInfinity(f):
                    throw new FormatException($"{Convert.ToString(value, CultureInfo.InvariantCulture)} is not a number Actito can store.");
                case decimal m:
                    return new JValue(m);
                case double d:
                    return new JValue(d);
                case float f:
                    return new JValue((double)(decimal)f);
                case ulong ul:
                    return new JValue(ul);
                case ActitoRecord _:
                    throw new FormatException("a nested object cannot be a field's value.");
                case IEnumerable<object?> list:
                    var array = new JArray();
                    foreach (var item in list) array.Add(ToJson(item));
                    return array;
            }
            if (RecordConverter.IsNumber(value)) return new JValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            return new JValue(Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        /// <summary>A value as the text of a key in a URL (a profile's attribute=value, a record's business key), trimmed.</summary>
        public static string KeyText(object? value) => value switch
        {
            null => string.Empty,
            DateTime date => FormatDate(date),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty,
        };

        /// <summary>A date at midnight is a date; anything else is a date-time.</summary>
        public static string FormatDate(DateTime value) =>
            value.TimeOfDay == TimeSpan.Zero
                ? value.ToString(DateFormat, CultureInfo.InvariantCulture)
                : value.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

        /// <summary>Reads yes/no the ways CSV files write it (true/false, 1/0, yes/no, y/n, any case).</summary>
        public static bool? ParseYesNo(object? value)
        {
            switch (value)
            {
                case bool b:
                    return b;
                case null:
                    return null;
            }
            if (RecordConverter.IsNumber(value))
            {
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                return number == 1 ? true : number == 0 ? false : (bool?)null;
            }
            switch ((Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "true": case "1": case "yes": case "y":
                    return true;
                case "false": case "0": case "no": case "n":
                    return false;
                default:
                    return null;
            }
        }
    }
}
