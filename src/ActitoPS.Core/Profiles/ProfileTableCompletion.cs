using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// Tab completion from a connection's profile tables (read once, kept by the connection): table names,
    /// and a table's subscriptions, segmentations and unique attributes. Never throws: a completer that
    /// fails just offers nothing.
    /// </summary>
    public static class ProfileTableCompletion
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        public static IEnumerable<string> Complete(ActitoConnection? connection, string? wordToComplete) =>
            Matching(Tables(connection).Select(t => t.Name), wordToComplete);

        public static IEnumerable<string> Subscriptions(ActitoConnection? connection, string? table, string? wordToComplete) =>
            Matching(Table(connection, table)?.Subscriptions ?? Enumerable.Empty<string>(), wordToComplete);

        public static IEnumerable<string> Segmentations(ActitoConnection? connection, string? table, string? wordToComplete) =>
            Matching(Table(connection, table)?.Segmentations.Select(s => s.Name) ?? Enumerable.Empty<string>(), wordToComplete);

        public static IEnumerable<string> UniqueAttributes(ActitoConnection? connection, string? table, string? wordToComplete) =>
            Matching(Table(connection, table)?.Attributes.Where(a => a.Unique).Select(a => a.Name) ?? Enumerable.Empty<string>(), wordToComplete);

        private static ProfileTable? Table(ActitoConnection? connection, string? name) =>
            string.IsNullOrWhiteSpace(name) ? null : Tables(connection).FirstOrDefault(t => string.Equals(t.Name, name!.Trim('\'', '"', ' '), StringComparison.OrdinalIgnoreCase));

        private static IReadOnlyList<ProfileTable> Tables(ActitoConnection? connection)
        {
            if (connection == null || connection.IsDisposed) return Array.Empty<ProfileTable>();
            try
            {
                using (var cancellation = new CancellationTokenSource(Timeout))
                {
                    return Task.Run(() => connection.ProfileTables.GetAsync(false, cancellation.Token)).GetAwaiter().GetResult();
                }
            }
            catch (Exception)
            {
                return Array.Empty<ProfileTable>();
            }
        }

        private static IEnumerable<string> Matching(IEnumerable<string> names, string? wordToComplete)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
