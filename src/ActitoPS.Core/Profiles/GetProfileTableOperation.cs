using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Records;

namespace ActitoPS.Core.Profiles
{
    /// <summary>Get-ActitoProfileTable: the entity's profile tables from the connection's cache, or read again with -Refresh.</summary>
    public static class GetProfileTableOperation
    {
        /// <param name="names">Table names (wildcards * and ?); none: every table.</param>
        public static IReadOnlyList<ProfileTable> Run(ActitoConnection connection, IReadOnlyList<string>? names, bool refresh, IActitoHost host, CancellationToken cancellationToken)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            connection.EnsureOpen();
            var traces = new TraceQueue();
            IReadOnlyList<ProfileTable> tables;
            using (connection.Trace.Subscribe(traces.Listener))
            {
                try
                {
                    tables = Task.Run(() => connection.ProfileTables.GetAsync(refresh, cancellationToken), cancellationToken).GetAwaiter().GetResult();
                }
                finally
                {
                    traces.FlushTo(host);
                }
            }
            if (names == null || names.Count == 0) return tables;

            var found = new List<ProfileTable>();
            foreach (var name in names)
            {
                var matches = tables.Where(t => ColumnFilter.Matches(name, t.Name)).ToList();
                if (matches.Count == 0 && name.IndexOfAny(new[] { '*', '?' }) < 0)
                {
                    host.WriteError(new ActitoError(new ArgumentException($"Entity '{connection.Entity}' has no profile table '{name}'. Its profile tables: {string.Join(", ", tables.Select(t => t.Name))}."),
                        "ActitoNotFound", ActitoErrorCategory.ObjectNotFound, name));
                }
                found.AddRange(matches.Where(m => !found.Contains(m)));
            }
            return found;
        }
    }
}
