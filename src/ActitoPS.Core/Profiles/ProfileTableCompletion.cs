using System;
using System.Collections.Generic;
using System.Linq;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// Tab completion from a connection's profile tables (read once, kept by the connection): table names,
    /// and a table's subscriptions, segmentations and unique attributes. Never throws.
    /// </summary>
    public static class ProfileTableCompletion
    {
        public static IEnumerable<string> Complete(ActitoConnection? connection, string? wordToComplete) =>
            CompletionSource.Matching(Tables(connection).Select(t => t.Name), wordToComplete);

        public static IEnumerable<string> Subscriptions(ActitoConnection? connection, string? table, string? wordToComplete) =>
            CompletionSource.Matching(Table(connection, table)?.Subscriptions ?? Enumerable.Empty<string>(), wordToComplete);

        public static IEnumerable<string> Segmentations(ActitoConnection? connection, string? table, string? wordToComplete) =>
            CompletionSource.Matching(Table(connection, table)?.Segmentations.Select(s => s.Name) ?? Enumerable.Empty<string>(), wordToComplete);

        public static IEnumerable<string> UniqueAttributes(ActitoConnection? connection, string? table, string? wordToComplete) =>
            CompletionSource.Matching(Table(connection, table)?.Attributes.Where(a => a.Unique).Select(a => a.Name) ?? Enumerable.Empty<string>(), wordToComplete);

        private static ProfileTable? Table(ActitoConnection? connection, string? name) =>
            CompletionSource.Bare(name) is string bare ? Tables(connection).FirstOrDefault(t => string.Equals(t.Name, bare, StringComparison.OrdinalIgnoreCase)) : null;

        private static IReadOnlyList<ProfileTable> Tables(ActitoConnection? connection) =>
            CompletionSource.Read(connection, (c, ct) => c.ProfileTables.GetAsync(false, ct)) ?? (IReadOnlyList<ProfileTable>)Array.Empty<ProfileTable>();
    }
}
