using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Records;

namespace ActitoPS.Core.Hosting
{
    /// <summary>
    /// Get-ActitoProfileTable and Get-ActitoCustomTable: the connection's cached tables (read again on
    /// -Refresh, with the HTTP traces shown), narrowed to the names asked for.
    /// </summary>
    internal static class StructureListing
    {
        /// <param name="names">Names or ids, wildcards * and ?; none: every table. A plain name that matches nothing is an ActitoNotFound error.</param>
        public static IReadOnlyList<T> Run<T>(ActitoConnection connection, Func<CancellationToken, Task<IReadOnlyList<T>>> read, IReadOnlyList<string>? names,
            Func<T, string> nameOf, Func<T, string?> idOf, string what, IActitoHost host, CancellationToken cancellationToken) where T : class
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            connection.EnsureOpen();
            var traces = new TraceQueue();
            IReadOnlyList<T> tables;
            using (connection.Trace.Subscribe(traces.Listener))
            {
                try
                {
                    tables = Task.Run(() => read(cancellationToken), cancellationToken).GetAwaiter().GetResult();
                }
                finally
                {
                    traces.FlushTo(host);
                }
            }
            if (names == null || names.Count == 0) return tables;

            var found = new List<T>();
            foreach (var name in names)
            {
                var matches = tables.Where(t => ColumnFilter.Matches(name, nameOf(t)) || string.Equals(idOf(t), name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 0 && name.IndexOfAny(new[] { '*', '?' }) < 0)
                {
                    host.WriteError(new ActitoError(new ArgumentException($"Entity '{connection.Entity}' has no {what} '{name}'. Its {what}s: {string.Join(", ", tables.Select(nameOf))}."),
                        "ActitoNotFound", ActitoErrorCategory.ObjectNotFound, name));
                }
                found.AddRange(matches.Where(m => !found.Contains(m)));
            }
            return found;
        }
    }
}
