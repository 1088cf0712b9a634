using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;

namespace ActitoPS.Core.Hosting
{
    /// <summary>
    /// A row operation's view of the entity's tables of one kind: read once per connection, a table found by
    /// name (any case) or id. A table the structure does not know stops the command before any row is sent;
    /// a structure Actito will not show (the API user may lack the right) is warned about once, and rows go
    /// unchecked.
    /// </summary>
    internal sealed class TableResolver<T> where T : class
    {
        private readonly ActitoConnection _connection;
        private readonly IActitoHost _host;
        private readonly Func<CancellationToken, Task<IReadOnlyList<T>>> _read;
        private readonly Func<T, string> _nameOf;
        private readonly Func<T, string?> _idOf;
        private readonly string _what;
        private readonly string _unchecked;
        private readonly Func<T, CancellationToken, Task<T>>? _complete;
        private IReadOnlyList<T>? _tables;
        private bool _unreadable;

        /// <param name="what">"profile table", "custom table": how messages name the kind.</param>
        /// <param name="whenUnchecked">What the warning says follows when the structure cannot be read.</param>
        /// <param name="complete">Fills in a listed table's details when the list leaves them out.</param>
        public TableResolver(ActitoConnection connection, IActitoHost host, Func<CancellationToken, Task<IReadOnlyList<T>>> read,
            Func<T, string> nameOf, Func<T, string?> idOf, string what, string whenUnchecked, Func<T, CancellationToken, Task<T>>? complete = null)
        {
            _unchecked = whenUnchecked;
            _complete = complete;
            _connection = connection;
            _host = host;
            _read = read;
            _nameOf = nameOf;
            _idOf = idOf;
            _what = what;
        }

        /// <summary>The table's structure, or null when it could not be read. Call on the pipeline thread.</summary>
        /// <exception cref="ArgumentException">The entity has no such table (the whole command stops).</exception>
        public T? Find(string name, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException($"The {_what} name is empty.");
            var tables = Tables(cancellationToken);
            if (tables == null || tables.Count == 0) return null;
            var wanted = name.Trim();
            var found = tables.FirstOrDefault(t => string.Equals(_nameOf(t), wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(_idOf(t), wanted, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Entity '{_connection.Entity}' has no {_what} '{wanted}'. Its {_what}s: {string.Join(", ", tables.Select(_nameOf))}.");
            return _complete == null ? found : Task.Run(() => _complete(found, cancellationToken), cancellationToken).GetAwaiter().GetResult();
        }

        private IReadOnlyList<T>? Tables(CancellationToken cancellationToken)
        {
            if (_tables != null || _unreadable) return _tables;
            try
            {
                _tables = Task.Run(() => _read(cancellationToken), cancellationToken).GetAwaiter().GetResult();
            }
            catch (ActitoApiException failure) when (failure.StatusCode.HasValue && failure.StatusCode != 401)
            {
                _unreadable = true;
                _host.WriteWarning($"Could not read the structure of the {_what}s ({failure.StatusCode}): {_unchecked}");
            }
            return _tables;
        }
    }
}
