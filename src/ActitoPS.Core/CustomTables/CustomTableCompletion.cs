using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>Tab completion from a connection's custom tables (read once, kept by the connection). Never throws.</summary>
    public static class CustomTableCompletion
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        public static IEnumerable<string> Tables(ActitoConnection? connection, string? wordToComplete) =>
            Matching(Read(connection).Select(t => t.TechnicalName), wordToComplete);

        /// <summary>The table's fields, the technical ones (set by Actito) last.</summary>
        public static IEnumerable<string> Fields(ActitoConnection? connection, string? table, string? wordToComplete)
        {
            var found = string.IsNullOrWhiteSpace(table) ? null
                : Read(connection).FirstOrDefault(t => string.Equals(t.TechnicalName, table!.Trim('\'', '"', ' '), StringComparison.OrdinalIgnoreCase));
            if (found == null) return Enumerable.Empty<string>();
            try
            {
                using (var cancellation = new CancellationTokenSource(Timeout))
                {
                    found = Task.Run(() => connection!.CustomTables.CompleteAsync(found, cancellation.Token)).GetAwaiter().GetResult();
                }
            }
            catch (Exception)
            {
                return Enumerable.Empty<string>();
            }
            return Matching(found.Fields.Select(f => f.FieldName), wordToComplete);
        }

        private static IReadOnlyList<CustomTable> Read(ActitoConnection? connection)
        {
            if (connection == null || connection.IsDisposed) return Array.Empty<CustomTable>();
            try
            {
                using (var cancellation = new CancellationTokenSource(Timeout))
                {
                    return Task.Run(() => connection.CustomTables.GetAsync(false, cancellation.Token)).GetAwaiter().GetResult();
                }
            }
            catch (Exception)
            {
                return Array.Empty<CustomTable>();
            }
        }

        private static IEnumerable<string> Matching(IEnumerable<string> names, string? wordToComplete)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
