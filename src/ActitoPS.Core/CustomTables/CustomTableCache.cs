using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>The entity's custom tables, read once per connection, with each table's own structure when the list lacks it.</summary>
    internal sealed class CustomTableCache
    {
        private readonly ActitoConnection _connection;
        private readonly TableCache<CustomTable> _list;
        private readonly ConcurrentDictionary<string, CustomTable> _structures = new ConcurrentDictionary<string, CustomTable>(StringComparer.OrdinalIgnoreCase);

        public CustomTableCache(ActitoConnection connection)
        {
            _connection = connection;
            _list = new TableCache<CustomTable>(connection, CustomTableApi.TablesPath, CustomTable.ParseList);
            _list.Reread += _structures.Clear;
        }

        public Task<IReadOnlyList<CustomTable>> GetAsync(bool refresh, CancellationToken cancellationToken) => _list.GetAsync(refresh, cancellationToken);

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
