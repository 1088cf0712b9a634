using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// The entity's profile tables, read once per connection: every row cmdlet checks rows against them,
    /// tab completion offers their names, and Get-ActitoProfileTable -Refresh reads them again.
    /// </summary>
    internal sealed class ProfileTableCache
    {
        private readonly ActitoConnection _connection;
        private readonly SemaphoreSlim _reading = new SemaphoreSlim(1, 1);
        private IReadOnlyList<ProfileTable>? _tables;

        public ProfileTableCache(ActitoConnection connection) => _connection = connection;

        /// <summary>What was read last, or null before the first read.</summary>
        public IReadOnlyList<ProfileTable>? Cached => Volatile.Read(ref _tables);

        public async Task<IReadOnlyList<ProfileTable>> GetAsync(bool refresh, CancellationToken cancellationToken)
        {
            var tables = Cached;
            if (tables != null && !refresh) return tables;
            await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                tables = Cached;
                if (tables != null && !refresh) return tables;
                var json = await _connection.Api.SendAsync(HttpMethod.Get,
                    _connection.EntityPath("profile-table-structure/v5/entities/{0}/profile-tables"), null, true, cancellationToken).ConfigureAwait(false);
                tables = ProfileTable.ParseList(json);
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
