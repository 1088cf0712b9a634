using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Hosting
{
    /// <summary>
    /// One kind of the entity's tables (profile tables, custom tables), read once per connection: the row
    /// cmdlets check rows against them, tab completion offers their names, and -Refresh reads them again.
    /// </summary>
    internal sealed class TableCache<T> where T : class
    {
        private readonly ActitoConnection _connection;
        private readonly Func<ActitoConnection, string> _path;
        private readonly Func<JToken, IReadOnlyList<T>> _parse;
        private readonly SemaphoreSlim _reading = new SemaphoreSlim(1, 1);
        private IReadOnlyList<T>? _tables;

        public TableCache(ActitoConnection connection, Func<ActitoConnection, string> path, Func<JToken, IReadOnlyList<T>> parse)
        {
            _connection = connection;
            _path = path;
            _parse = parse;
        }

        /// <summary>Raised after each read, so that what was derived from the last one can be dropped.</summary>
        public event Action? Reread;

        public async Task<IReadOnlyList<T>> GetAsync(bool refresh, CancellationToken cancellationToken)
        {
            var tables = Volatile.Read(ref _tables);
            if (tables != null && !refresh) return tables;
            await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                tables = Volatile.Read(ref _tables);
                if (tables != null && !refresh) return tables;
                var json = await _connection.Api.SendAsync(HttpMethod.Get, _path(_connection), null, true, cancellationToken).ConfigureAwait(false);
                tables = _parse(json);
                Volatile.Write(ref _tables, tables);
                Reread?.Invoke();
                return tables;
            }
            finally
            {
                _reading.Release();
            }
        }
    }
}
