using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;

namespace ActitoPS.Core.Hosting
{
    /// <summary>What tab completion shares: a bounded read from the connection that never throws, and prefix matching.</summary>
    internal static class CompletionSource
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

        /// <returns>The value read, or null when there is no open connection or the read fails or takes too long.</returns>
        public static T? Read<T>(ActitoConnection? connection, Func<ActitoConnection, CancellationToken, Task<T>> read) where T : class
        {
            if (connection == null || connection.IsDisposed) return null;
            try
            {
                using (var cancellation = new CancellationTokenSource(Timeout))
                {
                    return Task.Run(() => read(connection, cancellation.Token)).GetAwaiter().GetResult();
                }
            }
            catch (Exception)
            {
                // A completer that fails just offers nothing.
                return null;
            }
        }

        public static IEnumerable<string> Matching(IEnumerable<string> names, string? wordToComplete)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>A table name as typed on the command line, quotes and spaces dropped.</summary>
        public static string? Bare(string? name) => string.IsNullOrWhiteSpace(name) ? null : name!.Trim('\'', '"', ' ');
    }
}
