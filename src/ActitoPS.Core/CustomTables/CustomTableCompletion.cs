using System;
using System.Collections.Generic;
using System.Linq;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>Tab completion from a connection's custom tables (read once, kept by the connection). Never throws.</summary>
    public static class CustomTableCompletion
    {
        public static IEnumerable<string> Tables(ActitoConnection? connection, string? wordToComplete) =>
            CompletionSource.Matching(Read(connection).Select(t => t.TechnicalName), wordToComplete);

        /// <summary>The table's fields, from its own structure call when the list lacks them.</summary>
        public static IEnumerable<string> Fields(ActitoConnection? connection, string? table, string? wordToComplete)
        {
            var listed = CompletionSource.Bare(table) is string bare
                ? Read(connection).FirstOrDefault(t => string.Equals(t.TechnicalName, bare, StringComparison.OrdinalIgnoreCase))
                : null;
            var found = listed == null ? null : CompletionSource.Read(connection, (c, ct) => c.CustomTables.CompleteAsync(listed, ct));
            return CompletionSource.Matching(found?.Fields.Select(f => f.FieldName) ?? Enumerable.Empty<string>(), wordToComplete);
        }

        private static IReadOnlyList<CustomTable> Read(ActitoConnection? connection) =>
            CompletionSource.Read(connection, (c, ct) => c.CustomTables.GetAsync(false, ct)) ?? (IReadOnlyList<CustomTable>)Array.Empty<CustomTable>();
    }
}
