using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// A row operation's view of the entity's profile tables: read once per connection, a table name
    /// looked up in any case. A table the structure API does not know stops the command before any row
    /// is sent; a structure Actito will not show (the API user may lack the right) is warned about once
    /// and rows go unchecked.
    /// </summary>
    internal sealed class ProfileTableResolver
    {
        private readonly ActitoConnection _connection;
        private readonly IActitoHost _host;
        private readonly Dictionary<string, ProfileTableRef> _refs = new Dictionary<string, ProfileTableRef>(StringComparer.OrdinalIgnoreCase);
        private IReadOnlyList<ProfileTable>? _tables;
        private bool _unreadable;

        public ProfileTableResolver(ActitoConnection connection, IActitoHost host)
        {
            _connection = connection;
            _host = host;
        }

        /// <summary>The table's structure, or null when it could not be read. Call on the pipeline thread.</summary>
        /// <exception cref="ArgumentException">The entity has no such table (the whole command stops).</exception>
        public ProfileTable? Find(string name, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("The profile table name is empty: give -Table.");
            var tables = Tables(cancellationToken);
            if (tables == null || tables.Count == 0) return null;
            return tables.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Entity '{_connection.Entity}' has no profile table '{name.Trim()}'. Its profile tables: {string.Join(", ", tables.Select(t => t.Name))}.");
        }

        /// <summary>How a call names the table: its exact name and id when the structure gave them.</summary>
        public ProfileTableRef Ref(string name, ProfileTable? table)
        {
            if (!_refs.TryGetValue(name, out var found))
                _refs[name] = found = table == null ? new ProfileTableRef(name.Trim(), null) : new ProfileTableRef(table.Name, table.Id);
            return found;
        }

        private IReadOnlyList<ProfileTable>? Tables(CancellationToken cancellationToken)
        {
            if (_tables != null || _unreadable) return _tables;
            try
            {
                _tables = Task.Run(() => _connection.ProfileTables.GetAsync(false, cancellationToken), cancellationToken).GetAwaiter().GetResult();
            }
            catch (ActitoApiException failure) when (failure.StatusCode.HasValue && failure.StatusCode != 401)
            {
                _unreadable = true;
                _host.WriteWarning(
                    $"Could not read the structure of the profile tables ({failure.StatusCode}): rows are sent unchecked, and a row whose outcome is uncertain is reported rather than sent again.");
            }
            return _tables;
        }
    }
}
