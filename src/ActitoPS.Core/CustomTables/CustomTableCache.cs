using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>The entity's custom tables with their structure, read once per connection (Get-ActitoCustomTable -Refresh reads again).</summary>
    internal sealed class CustomTableCache
    {
        private readonly ActitoConnection _connection;
        private readonly SemaphoreSlim _reading = new SemaphoreSlim(1, 1);
        private readonly ConcurrentDictionary<string, CustomTable> _structures = new ConcurrentDictionary<string, CustomTable>(StringComparer.OrdinalIgnoreCase);
        private IReadOnlyList<CustomTable>? _tables;

        public CustomTableCache(ActitoConnection connection) => _connection = connection;

        public IReadOnlyList<CustomTable>? Cached => Volatile.Read(ref _tables);

        public async Task<IReadOnlyList<CustomTable>> GetAsync(bool refresh, CancellationToken cancellationToken)
        {
            var tables = Cached;
            if (tables != null && !refresh) return tables;
            await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                tables = Cached;
                if (tables != null && !refresh) return tables;
                var json = await _connection.Api.SendAsync(HttpMethod.Get, CustomTableApi.TablesPath(_connection), null, true, cancellationToken).ConfigureAwait(false);
                tables = CustomTable.ParseList(json);
                _structures.Clear();
                Volatile.Write(ref _tables, tables);
                return tables;
            }
            finally
            {
                _reading.Release();
            }
        }

        /// <summary>
        /// The table with its fields and keys. The guide's list gives only ids, names, category and
        /// capabilities; when it carries no fields, the table's own structure call (GET …/customTable/{t}) does,
        /// once per table.
        /// </summary>
        public async Task<CustomTable> CompleteAsync(CustomTable listed, CancellationToken cancellationToken)
        {
            if (listed.Fields.Count > 0) return listed;
            if (_structures.TryGetValue(listed.TechnicalName, out var known)) return known;
            var json = await _connection.Api.SendAsync(HttpMethod.Get, CustomTableApi.TablesPath(_connection) + "/" + Uri.EscapeDataString(listed.Id ?? listed.TechnicalName),
                null, true, cancellationToken).ConfigureAwait(false);
            var complete = json is Newtonsoft.Json.Linq.JObject table && table["technicalName"] != null ? CustomTable.Parse(table) : listed;
            return _structures[listed.TechnicalName] = complete;
        }
    }
}
