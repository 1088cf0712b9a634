using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Records;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>Get-ActitoCustomTable: the entity's custom tables from the connection's cache, or read again with -Refresh.</summary>
    public static class GetCustomTableOperation
    {
        /// <param name="names">Technical names or ids (wildcards * and ?); none: every table.</param>
        public static IReadOnlyList<CustomTable> Run(ActitoConnection connection, IReadOnlyList<string>? names, bool refresh, IActitoHost host, CancellationToken cancellationToken)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            connection.EnsureOpen();
            var traces = new TraceQueue();
            IReadOnlyList<CustomTable> tables;
            using (connection.Trace.Subscribe(traces.Listener))
            {
                try
                {
                    tables = Task.Run(() => connection.CustomTables.GetAsync(refresh, cancellationToken), cancellationToken).GetAwaiter().GetResult();
                }
                finally
                {
                    traces.FlushTo(host);
                }
            }
            if (names == null || names.Count == 0) return tables;

            var found = new List<CustomTable>();
            foreach (var name in names)
            {
                var matches = tables.Where(t => ColumnFilter.Matches(name, t.TechnicalName) || string.Equals(t.Id, name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 0 && name.IndexOfAny(new[] { '*', '?' }) < 0)
                {
                    host.WriteError(new ActitoError(new ArgumentException($"Entity '{connection.Entity}' has no custom table '{name}'. Its custom tables: {string.Join(", ", tables.Select(t => t.TechnicalName))}."),
                        "ActitoNotFound", ActitoErrorCategory.ObjectNotFound, name));
                }
                found.AddRange(matches.Where(m => !found.Contains(m)));
            }
            return found;
        }
    }
}
