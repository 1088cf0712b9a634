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
    /// <summary>The profile calls of Actito's API (seed: feeding profile tables).</summary>
    public sealed class ProfileClient
    {
        private readonly ActitoConnection _connection;

        public ProfileClient(ActitoConnection connection) => _connection = connection ?? throw new ArgumentNullException(nameof(connection));

        /// <summary>Create or update one profile, matched on its unique attributes.</summary>
        /// <param name="mayRepeat">True when the body holds a unique key, so a second send updates the same profile.</param>
        public async Task<JToken> UpsertAsync(string table, JObject body, bool mayRepeat, CancellationToken cancellationToken)
        {
            var path = ProfilesPath(table) + "/profile?allowUpdate=true";
            return await _connection.Api.SendAsync(HttpMethod.Post, path, body, mayRepeat, cancellationToken).ConfigureAwait(false);
        }

        /// <param name="profileKey">A profile id, or attribute=value for a unique attribute.</param>
        public Task<JToken> GetAsync(string table, string profileKey, CancellationToken cancellationToken) =>
            _connection.Api.SendAsync(HttpMethod.Get, ProfilesPath(table) + "/profile/" + Uri.EscapeDataString(profileKey), null, true, cancellationToken);

        /// <summary>Null when Actito's structure API can't be read (the API user may lack the right); the caller carries on without it.</summary>
        public async Task<IReadOnlyList<ProfileTableInfo>> ListTablesAsync(CancellationToken cancellationToken)
        {
            var json = await _connection.Api.SendAsync(HttpMethod.Get,
                _connection.EntityPath("profile-table-structure/v5/entities/{0}/profile-tables"), null, true, cancellationToken).ConfigureAwait(false);
            return ProfileTableInfo.ParseList(json);
        }

        public static long? ReadProfileId(JToken response)
        {
            var id = (response as JObject)?["profileId"];
            if (id == null) return null;
            if (id.Type == JTokenType.Integer) return (long)id;
            return long.TryParse((string?)id, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
        }

        private string ProfilesPath(string table) =>
            _connection.EntityPath("profiles/v4/entity/{0}/table/") + Uri.EscapeDataString(table);
    }
}
