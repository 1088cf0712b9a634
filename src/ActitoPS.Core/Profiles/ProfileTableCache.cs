using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.Profiles
{
    /// <summary>The entity's profile tables from the profile-table-structure API, read once per connection.</summary>
    internal static class ProfileTableCache
    {
        public static TableCache<ProfileTable> For(ActitoConnection connection) =>
            new TableCache<ProfileTable>(connection, c => c.EntityPath("profile-table-structure/v5/entities/{0}/profile-tables"), ProfileTable.ParseList);
    }
}
