using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// Actito's one-by-one profile calls, one implementation per API version. Operations speak only to
    /// this, so a version is added as one class without touching them or the cmdlets.
    /// </summary>
    internal interface IProfileApi
    {
        /// <summary>Create, or (with allowUpdate) update the profile its unique keys match.</summary>
        Task<JToken> UpsertAsync(ProfileTableRef table, JObject body, bool allowUpdate, bool mayRepeat, CancellationToken cancellationToken);

        /// <summary>Partial update: only what the body names changes.</summary>
        Task<JToken> UpdateAsync(ProfileTableRef table, long profileId, JObject body, CancellationToken cancellationToken);

        /// <param name="profileKey">A profile id, or attribute=value for a unique attribute.</param>
        Task<JToken> GetAsync(ProfileTableRef table, string profileKey, IReadOnlyCollection<string> subscriptions, IReadOnlyCollection<string> segmentations,
            CancellationToken cancellationToken);

        Task<JToken> DeleteAsync(ProfileTableRef table, long profileId, CancellationToken cancellationToken);

        /// <param name="dataCollection">Where the consent was collected, sent as the body (GDPR).</param>
        Task<JToken> SetSubscriptionAsync(ProfileTableRef table, long profileId, string subscription, bool subscribe, JObject dataCollection,
            CancellationToken cancellationToken);
    }

    /// <summary>A table as a call names it: v4 by name, v5 by id (the name when the structure gave no id).</summary>
    internal sealed class ProfileTableRef
    {
        public ProfileTableRef(string name, string? id)
        {
            Name = name;
            Id = id;
        }

        public string Name { get; }

        public string? Id { get; }

        public override string ToString() => Name;
    }

    internal static class ProfileApis
    {
        public static IProfileApi For(ActitoConnection connection) =>
            connection.ProfileApi == ActitoProfileApi.V5 ? (IProfileApi)new ProfileApiV5(connection) : new ProfileApiV4(connection);
    }
}
