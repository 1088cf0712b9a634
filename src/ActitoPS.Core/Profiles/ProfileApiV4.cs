using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>The guide's calls: /profiles/v4/entity/{e}/table/{t}/profile…</summary>
    internal sealed class ProfileApiV4 : IProfileApi
    {
        private const string Route = "/profiles/v4/";
        private readonly ActitoConnection _connection;

        public ProfileApiV4(ActitoConnection connection) => _connection = connection;

        public Task<JToken> UpsertAsync(ProfileTableRef table, JObject body, bool allowUpdate, bool mayRepeat, CancellationToken cancellationToken) =>
            Send(HttpMethod.Post, table, "/profile?allowUpdate=" + (allowUpdate ? "true" : "false"), body, mayRepeat, cancellationToken);

        public Task<JToken> UpdateAsync(ProfileTableRef table, long profileId, JObject body, CancellationToken cancellationToken) =>
            Send(new HttpMethod("PUT"), table, "/profile/" + Id(profileId), body, true, cancellationToken);

        public Task<JToken> GetAsync(ProfileTableRef table, string profileKey, IReadOnlyCollection<string> subscriptions, IReadOnlyCollection<string> segmentations,
            CancellationToken cancellationToken) =>
            Send(HttpMethod.Get, table, "/profile/" + Uri.EscapeDataString(profileKey), null, true, cancellationToken);

        public Task<JToken> DeleteAsync(ProfileTableRef table, long profileId, CancellationToken cancellationToken) =>
            Send(HttpMethod.Delete, table, "/profile/" + Id(profileId), null, true, cancellationToken);

        public Task<JToken> SetSubscriptionAsync(ProfileTableRef table, long profileId, string subscription, bool subscribe, JObject dataCollection,
            CancellationToken cancellationToken) =>
            // Subscribing twice leaves the same state: safe to send again after an uncertain failure.
            Send(subscribe ? HttpMethod.Post : HttpMethod.Delete, table, "/profile/" + Id(profileId) + "/subscription/" + Uri.EscapeDataString(subscription),
                dataCollection, true, cancellationToken);

        private async Task<JToken> Send(HttpMethod method, ProfileTableRef table, string rest, JToken? body, bool mayRepeat, CancellationToken cancellationToken)
        {
            var path = _connection.EntityPath("profiles/v4/entity/{0}/table/") + Uri.EscapeDataString(table.Name) + rest;
            try
            {
                return await _connection.Api.SendAsync(method, path, body, mayRepeat, cancellationToken).ConfigureAwait(false);
            }
            catch (ActitoApiException failure) when (ActitoApiRetiredException.Says(failure, method, rest))
            {
                throw new ActitoApiRetiredException(
                    $"Actito no longer serves the v4 profile API ({failure.StatusCode} on {method} {Route}…): it retired those operations in favour of v5 " +
                    "(announced for the end of the first quarter of 2026). Reads work with Connect-Actito -ProfileApi V5; for writes in volume use " +
                    "Start-ActitoEtl (mass imports v5). Actito said: " + (failure.ActitoMessage ?? "(no message)"), failure);
            }
        }

        private static string Id(long profileId) => profileId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
