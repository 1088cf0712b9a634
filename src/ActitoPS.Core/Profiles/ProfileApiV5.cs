using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// Actito's v5 profile API as far as it is published: the read
    /// (GET /profiles/v5/entities/{e}/profile-tables/{tableId}/profiles/{key}?subscriptions=…&amp;segmentations=…).
    /// Its write calls are not published; they say so rather than guess a contract.
    /// </summary>
    internal sealed class ProfileApiV5 : IProfileApi
    {
        internal const string WritesNotPublished =
            "Actito has not published the v5 profile write calls yet, so a connection made with -ProfileApi V5 only reads profiles. " +
            "Connect with -ProfileApi V4 (the default) to write one by one, or use Start-ActitoEtl (mass imports v5).";

        private readonly ActitoConnection _connection;

        public ProfileApiV5(ActitoConnection connection) => _connection = connection;

        public Task<JToken> GetAsync(ProfileTableRef table, string profileKey, IReadOnlyCollection<string> subscriptions, IReadOnlyCollection<string> segmentations,
            CancellationToken cancellationToken)
        {
            var query = new List<string>();
            if (subscriptions.Count > 0) query.Add("subscriptions=" + string.Join(",", subscriptions.Select(Uri.EscapeDataString)));
            if (segmentations.Count > 0) query.Add("segmentations=" + string.Join(",", segmentations.Select(Uri.EscapeDataString)));
            var path = _connection.EntityPath("profiles/v5/entities/{0}/profile-tables/") + Uri.EscapeDataString(table.Id ?? table.Name) +
                       "/profiles/" + Uri.EscapeDataString(profileKey) + (query.Count > 0 ? "?" + string.Join("&", query) : string.Empty);
            return _connection.Api.SendAsync(HttpMethod.Get, path, null, true, cancellationToken);
        }

        public Task<JToken> UpsertAsync(ProfileTableRef table, JObject body, bool allowUpdate, bool mayRepeat, CancellationToken cancellationToken) => NotPublished();

        public Task<JToken> UpdateAsync(ProfileTableRef table, long profileId, JObject body, CancellationToken cancellationToken) => NotPublished();

        public Task<JToken> DeleteAsync(ProfileTableRef table, long profileId, CancellationToken cancellationToken) => NotPublished();

        public Task<JToken> SetSubscriptionAsync(ProfileTableRef table, long profileId, string subscription, bool subscribe, JObject dataCollection,
            CancellationToken cancellationToken) => NotPublished();

        private static Task<JToken> NotPublished() => throw new ActitoApiRetiredException(WritesNotPublished, null);
    }
}
