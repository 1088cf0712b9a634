using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>Get-ActitoCustomTable: the entity's custom tables from the connection's cache, or read again with -Refresh.</summary>
    public static class GetCustomTableOperation
    {
        /// <param name="names">Technical names or ids (wildcards * and ?); none: every table.</param>
        /// <returns>The tables; those asked for by name come with their fields, read from their own structure call when the list lacks them.</returns>
        public static IReadOnlyList<CustomTable> Run(ActitoConnection connection, IReadOnlyList<string>? names, bool refresh, IActitoHost host, CancellationToken cancellationToken)
        {
            var tables = StructureListing.Run(connection, ct => connection.CustomTables.GetAsync(refresh, ct), names, t => t.TechnicalName, t => t.Id, "custom table", host, cancellationToken);
            if (names == null || names.Count == 0) return tables;
            return tables.Select(t => Task.Run(() => connection.CustomTables.CompleteAsync(t, cancellationToken), cancellationToken).GetAwaiter().GetResult()).ToList();
        }
    }
}
