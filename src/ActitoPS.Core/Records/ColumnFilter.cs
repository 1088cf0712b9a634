using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ActitoPS.Core.Records
{
    /// <summary>-Property and -ExcludeProperty: which of a row's columns are sent, with PowerShell's wildcards * and ?.</summary>
    public static class ColumnFilter
    {
        /// <param name="skip">Columns that identify the row (bound to -ProfileId, -Table…) rather than hold a value to send.</param>
        public static ActitoRecord Choose(ActitoRecord record, IReadOnlyList<string>? property, IReadOnlyList<string>? excludeProperty, Func<string, object?, bool>? skip = null)
        {
            var chosen = new ActitoRecord();
            foreach (var field in record)
            {
                if (skip != null && skip(field.Key, field.Value)) continue;
                if (property != null && !property.Any(p => Matches(p, field.Key))) continue;
                if (excludeProperty != null && excludeProperty.Any(p => Matches(p, field.Key))) continue;
                chosen.Add(field.Key, field.Value);
            }
            return chosen;
        }

        /// <summary>PowerShell's wildcards * and ? (any case), without a PowerShell reference.</summary>
        public static bool Matches(string pattern, string name) =>
            Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
