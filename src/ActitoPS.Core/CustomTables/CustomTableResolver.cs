using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>
    /// A row operation's view of the entity's custom tables: read once per connection, a table named by
    /// its technical name (any case) or id. An unknown table stops the command before any row is sent; a
    /// structure Actito will not show is warned about once and rows go unchecked.
    /// </summary>
    internal sealed class CustomTableResolver
    {
        private readonly ActitoConnection _connection;
        private readonly IActitoHost _host;
        private IReadOnlyList<CustomTable>? _tables;
        private bool _unreadable;

        public CustomTableResolver(ActitoConnection connection, IActitoHost host)
        {
            _connection = connection;
            _host = host;
        }

        /// <summary>The table's structure, or null when it could not be read. Call on the pipeline thread.</summary>
        /// <exception cref="ArgumentException">The entity has no such table (the whole command stops).</exception>
        public CustomTable? Find(string name, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("The custom table name is empty: give -CustomTable.");
            var tables = Tables(cancellationToken);
            if (tables == null || tables.Count == 0) return null;
            var wanted = name.Trim();
            return tables.FirstOrDefault(t => string.Equals(t.TechnicalName, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Id, wanted, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Entity '{_connection.Entity}' has no custom table '{wanted}'. Its custom tables: {string.Join(", ", tables.Select(t => t.TechnicalName))}.");
        }

        /// <summary>How a call names the table: its technical name when known, else as given.</summary>
        public static string NameOf(string given, CustomTable? table) => table?.TechnicalName ?? given.Trim();

        private IReadOnlyList<CustomTable>? Tables(CancellationToken cancellationToken)
        {
            if (_tables != null || _unreadable) return _tables;
            try
            {
                _tables = Task.Run(() => _connection.CustomTables.GetAsync(false, cancellationToken), cancellationToken).GetAwaiter().GetResult();
            }
            catch (ActitoApiException failure) when (failure.StatusCode.HasValue && failure.StatusCode != 401)
            {
                _unreadable = true;
                _host.WriteWarning($"Could not read the structure of the custom tables ({failure.StatusCode}): rows are sent unchecked.");
            }
            return _tables;
        }
    }
}
