using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;

namespace ActitoPS.Core.Records
{
    /// <summary>
    /// Turns whatever reaches a cmdlet (an Import-Csv row, a hashtable, a typed object, JSON from
    /// ConvertFrom-Json) into an <see cref="ActitoRecord"/>. PowerShell's own wrappers are opened by
    /// the <c>unwrap</c> hook the cmdlet passes in, so this code needs no PowerShell reference.
    /// </summary>
    public static class RecordConverter
    {
        private const int MaxDepth = 16;

        /// <param name="unwrap">
        /// Given any value, returns what it stands for: a PowerShell object's base object, or its
        /// properties as name/value pairs for a property bag such as PSCustomObject. Returns the value
        /// itself when it has nothing to unwrap.
        /// </param>
        public static ActitoRecord ToRecord(object? input, Func<object, object?>? unwrap = null)
        {
            var value = ToValue(input, unwrap ?? Identity, 0);
            if (value is ActitoRecord record) return record;
            var shown = value == null ? "nothing ($null)" : $"a {value.GetType().Name} '{Shorten(Convert.ToString(value, CultureInfo.InvariantCulture))}'";
            throw new ArgumentException($"Expected an object with properties (a CSV row, a hashtable or an object), got {shown}.");
        }

        public static object? ToValue(object? value, Func<object, object?> unwrap, int depth)
        {
            if (value == null || value is DBNull) return null;
            if (depth > MaxDepth) throw new ArgumentException($"The value is nested more than {MaxDepth} levels deep (a loop between objects?).");

            var unwrapped = unwrap(value);
            if (unwrapped == null || unwrapped is DBNull) return null;
            value = unwrapped;

            switch (value)
            {
                case string _:
                case bool _:
                case DateTime _:
                case DateTimeOffset _:
                case ActitoRecord _:
                    return value;
                case char c:
                    return c.ToString();
                case Guid g:
                    return g.ToString("D");
                case Enum e:
                    return e.ToString();
                case TimeSpan t:
                    return t.ToString("c", CultureInfo.InvariantCulture);
                case Uri u:
                    return u.OriginalString;
            }
            if (IsNumber(value)) return value;

            if (value is IDictionary dictionary)
            {
                var record = new ActitoRecord();
                foreach (DictionaryEntry entry in dictionary)
                    record.Add(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, ToValue(entry.Value, unwrap, depth + 1));
                return record;
            }
            if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                var record = new ActitoRecord();
                foreach (var pair in pairs) record.Add(pair.Key, ToValue(pair.Value, unwrap, depth + 1));
                return record;
            }
            if (value is IEnumerable sequence)
            {
                var list = new List<object?>();
                foreach (var item in sequence) list.Add(ToValue(item, unwrap, depth + 1));
                return list;
            }

            var fromProperties = new ActitoRecord();
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.CanRead || property.GetIndexParameters().Length > 0) continue;
                fromProperties.Add(property.Name, ToValue(property.GetValue(value), unwrap, depth + 1));
            }
            return fromProperties;
        }

        /// <summary>The value once its wrapper, if any, is opened.</summary>
        public static object? Unwrap(object value, Func<object, object?>? unwrap) => (unwrap ?? Identity)(value);

        /// <summary>
        /// A sequence of rows rather than a row: a list or array, but not text, a dictionary, or the
        /// name/value pairs a property bag opens into.
        /// </summary>
        public static bool IsListOfRows(object value, Func<object, object?>? unwrap)
        {
            var opened = Unwrap(value, unwrap);
            return opened is IEnumerable && !(opened is string) && !(opened is IDictionary) &&
                   !(opened is IEnumerable<KeyValuePair<string, object?>>) && !(opened is ActitoRecord);
        }

        internal static bool IsNumber(object value) =>
            value is byte || value is sbyte || value is short || value is ushort || value is int || value is uint ||
            value is long || value is ulong || value is float || value is double || value is decimal;

        private static object? Identity(object value) => value;

        private static string Shorten(string? text) => text == null ? string.Empty : text.Length <= 40 ? text : text.Substring(0, 40) + "…";
    }
}
