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
                Volatile.Write(ref _tables, tables);
                return tables;
            }
            finally
            {
                _reading.Release();
            }
        }
    }
}
