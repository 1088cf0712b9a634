using System.Collections.Generic;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.Profiles
{
    /// <summary>Get-ActitoProfileTable: the entity's profile tables from the connection's cache, or read again with -Refresh.</summary>
    public static class GetProfileTableOperation
    {
        /// <param name="names">Table names or ids (wildcards * and ?); none: every table.</param>
        public static IReadOnlyList<ProfileTable> Run(ActitoConnection connection, IReadOnlyList<string>? names, bool refresh, IActitoHost host, CancellationToken cancellationToken) =>
            StructureListing.Run(connection, ct => connection.ProfileTables.GetAsync(refresh, ct), names, t => t.Name, t => t.Id, "profile table", host, cancellationToken);
    }
}
