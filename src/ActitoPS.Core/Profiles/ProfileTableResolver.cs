using System;
using System.Collections.Generic;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.Profiles
{
    /// <summary>The profile operations' tables (see <see cref="TableResolver{T}"/>), and how a call names each.</summary>
    internal sealed class ProfileTableResolver
    {
        private readonly TableResolver<ProfileTable> _tables;
        private readonly Dictionary<string, ProfileTableRef> _refs = new Dictionary<string, ProfileTableRef>(StringComparer.OrdinalIgnoreCase);

        public ProfileTableResolver(ActitoConnection connection, IActitoHost host) =>
            _tables = new TableResolver<ProfileTable>(connection, host, ct => connection.ProfileTables.GetAsync(false, ct), t => t.Name, t => t.Id, "profile table",
                "rows are sent unchecked, and a row whose outcome is uncertain is reported rather than sent again (its unique keys are not known).");

        /// <inheritdoc cref="TableResolver{T}.Find"/>
        public ProfileTable? Find(string name, CancellationToken cancellationToken) => _tables.Find(name, cancellationToken);

        /// <summary>How a call names the table: its exact name and id when the structure gave them.</summary>
        public ProfileTableRef Ref(string name, ProfileTable? table)
        {
            if (!_refs.TryGetValue(name, out var found))
                _refs[name] = found = table == null ? new ProfileTableRef(name.Trim(), null) : new ProfileTableRef(table.Name, table.Id);
            return found;
        }
    }
}
