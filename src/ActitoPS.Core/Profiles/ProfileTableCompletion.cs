using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;

namespace ActitoPS.Core.Profiles
{
    /// <summary>Tab completion for -Table: the current connection's profile tables, asked once and remembered.</summary>
    public static class ProfileTableCompletion
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActitoConnection, IReadOnlyList<string>> Known =
            new System.Runtime.CompilerServices.ConditionalWeakTable<ActitoConnection, IReadOnlyList<string>>();

        /// <summary>Never throws: a completer that fails just offers nothing.</summary>
        public static IEnumerable<string> Complete(ActitoConnection? connection, string? wordToComplete)
        {
            if (connection == null || connection.IsDisposed) return Array.Empty<string>();
            if (!Known.TryGetValue(connection, out var names))
            {
                try
                {
                    using (var cancellation = new CancellationTokenSource(Timeout))
                    {
                        var tables = Task.Run(() => new ProfileClient(connection).ListTablesAsync(cancellation.Token)).GetAwaiter().GetResult();
                        names = tables.Select(t => t.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
                    }
                    Known.Add(connection, names);
                }
                catch (Exception)
                {
                    return Array.Empty<string>();
                }
            }
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        }
    }
}
