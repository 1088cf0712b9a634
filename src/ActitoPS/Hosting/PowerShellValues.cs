using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ActitoPS.Core.Records;

namespace ActitoPS.Hosting
{
    /// <summary>Between PowerShell's wrappers and Core's plain values, which know no PowerShell type.</summary>
    internal static class PowerShellValues
    {
        /// <summary>
        /// A PSCustomObject (an Import-Csv row, ConvertFrom-Json output, Select-Object output) is its
        /// note properties; a profile read by Get-ActitoProfile is an edit of it (its attribute properties as
        /// they are now); any other PSObject is its base object.
        /// </summary>
        public static object? Unwrap(object value)
        {
            if (!(value is PSObject wrapper)) return value;
            if (wrapper.BaseObject is PSCustomObject)
                return wrapper.Properties.Where(p => p.IsGettable).Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)).ToList();
            if (wrapper.BaseObject is IReadBack read)
                return new ReadBackEdit(read, read.Fields.Keys.Cast<string>()
                    .Select(name => wrapper.Properties[name])
                    .Where(p => p is PSNoteProperty)
                    .Select(p => new KeyValuePair<string, object?>(p.Name, p.Value is PSObject inner ? inner.BaseObject : p.Value)));
            return wrapper.BaseObject;
        }

        /// <summary>What Core writes, as PowerShell shows it: the fields of a profile or record read from Actito become properties of their own.</summary>
        public static object ToOutput(object output)
        {
            if (!(output is IReadBack read)) return output;
            var wrapper = new PSObject(read);
            foreach (var name in read.Fields.Keys.Cast<string>())
            {
                // A property the class has already (ProfileId, Table…) keeps its meaning; the field stays in its dictionary.
                if (wrapper.Properties[name] == null) wrapper.Properties.Add(new PSNoteProperty(name, read.Fields[name]));
            }
            return wrapper;
        }

        /// <summary>Nested hashtables and arrays (a JSON document written as PowerShell literals) as plain dictionaries and lists.</summary>
        public static object? ToPlain(object? value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            switch (value)
            {
                case System.Collections.IDictionary table:
                    var plain = new Dictionary<string, object?>();
                    foreach (System.Collections.DictionaryEntry entry in table) plain[entry.Key?.ToString() ?? string.Empty] = ToPlain(entry.Value);
                    return plain;
                case string text:
                    return text;
                case System.Collections.IEnumerable list:
                    return list.Cast<object?>().Select(ToPlain).ToList();
                default:
                    return value;
            }
        }

        /// <summary>A cmdlet-layer enum value as Core's enum of the same member names.</summary>
        public static TCore ToCore<TCore>(System.Enum value) where TCore : struct =>
            (TCore)System.Enum.Parse(typeof(TCore), value.ToString());

        /// <summary>A hashtable of names to text (-Mapping, -Header, -File): keys any case, values as invariant text; null stays null.</summary>
        public static IReadOnlyDictionary<string, string>? ToTextDictionary(System.Collections.IDictionary? table, System.StringComparer? keys = null)
        {
            if (table == null) return null;
            var text = new Dictionary<string, string>(keys ?? System.StringComparer.OrdinalIgnoreCase);
            foreach (var pair in ToDictionary(table)!)
                text[pair.Key] = System.Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            return text;
        }

        /// <summary>A hashtable parameter (-Subscription @{Newsletter=$true}) as Core's name → value pairs.</summary>
        public static IDictionary<string, object?>? ToDictionary(System.Collections.IDictionary? table)
        {
            if (table == null) return null;
            var result = new Dictionary<string, object?>();
            foreach (System.Collections.DictionaryEntry entry in table)
                result[entry.Key?.ToString() ?? string.Empty] = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            return result;
        }
    }
}
