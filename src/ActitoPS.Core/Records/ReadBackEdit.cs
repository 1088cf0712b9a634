using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Records
{
    /// <summary>An object the module read from Actito (a profile, a custom-table record) whose fields PowerShell shows as properties.</summary>
    public interface IReadBack
    {
        /// <summary>Field name → typed value as read.</summary>
        OrderedDictionary Fields { get; }
    }

    /// <summary>
    /// An object read from Actito and piped back: it says which profile or record to change, and only the
    /// fields whose value now differs from what was read are sent.
    /// </summary>
    public sealed class ReadBackEdit
    {
        public ReadBackEdit(IReadBack original, IEnumerable<KeyValuePair<string, object?>> current)
        {
            Original = original;
            Current = new List<KeyValuePair<string, object?>>(current);
        }

        public IReadBack Original { get; }

        /// <summary>The field values as the object holds them now.</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> Current { get; }

        /// <summary>Only what changed since the object was read: the rest is already in Actito.</summary>
        public ActitoRecord Changed()
        {
            var changed = new ActitoRecord();
            foreach (var current in Current)
            {
                var original = Original.Fields.Contains(current.Key) ? Original.Fields[current.Key] : null;
                if (!SameValue(original, current.Value)) changed.Add(current.Key, current.Value ?? string.Empty);
            }
            return changed;
        }

        private static bool SameValue(object? left, object? right)
        {
            try
            {
                return JToken.DeepEquals(ValueFormatter.ToJson(left), ValueFormatter.ToJson(right)) ||
                       string.Equals(Convert.ToString(left, CultureInfo.InvariantCulture), Convert.ToString(right, CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
