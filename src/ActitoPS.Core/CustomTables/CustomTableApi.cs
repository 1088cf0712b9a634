using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>The custom-table calls of the guide: /custom-data/v4/entity/{e}/customTable/{t}/record…</summary>
    internal sealed class CustomTableApi
    {
        /// <summary>Actito answers at most this many records to one query.</summary>
        public const int MaxRecordsPerQuery = 200;

        private readonly ActitoConnection _connection;

        public CustomTableApi(ActitoConnection connection) => _connection = connection;

        public static string TablesPath(ActitoConnection connection) => connection.EntityPath("custom-data/v4/entity/{0}/customTable");

        public Task<JToken> GetAsync(string table, string businessKey, CancellationToken cancellationToken) =>
            Send(HttpMethod.Get, table, "/record/" + Uri.EscapeDataString(businessKey), null, true, cancellationToken);

        public Task<JToken> QueryAsync(string table, string searchField, string searchValue, string? sortField, bool ascending, int number, CancellationToken cancellationToken)
        {
            var query = new List<string>
            {
                "searchField=" + Uri.EscapeDataString(searchField),
                "searchValue=" + Uri.EscapeDataString(searchValue),
            };
            if (sortField != null) query.Add("sortedField=" + Uri.EscapeDataString(sortField));
            query.Add("ascending=" + (ascending ? "true" : "false"));
            query.Add("number=" + number.ToString(CultureInfo.InvariantCulture));
            return Send(HttpMethod.Get, table, "/record?" + string.Join("&", query), null, true, cancellationToken);
        }

        /// <summary>A record always carries its business key, so a second send reaches the same record: safe to repeat.</summary>
        public Task<JToken> UpsertAsync(string table, JObject body, bool allowUpdate, CancellationToken cancellationToken) =>
            Send(HttpMethod.Post, table, "/record?allowUpdate=" + (allowUpdate ? "true" : "false"), body, true, cancellationToken);

        public Task<JToken> UpdateAsync(string table, string businessKey, JObject body, CancellationToken cancellationToken) =>
            Send(new HttpMethod("PUT"), table, "/record/" + Uri.EscapeDataString(businessKey), body, true, cancellationToken);

        public Task<JToken> DeleteAsync(string table, string businessKey, CancellationToken cancellationToken) =>
            Send(HttpMethod.Delete, table, "/record/" + Uri.EscapeDataString(businessKey), null, true, cancellationToken);

        private Task<JToken> Send(HttpMethod method, string table, string rest, JToken? body, bool mayRepeat, CancellationToken cancellationToken) =>
            _connection.Api.SendAsync(method, TablesPath(_connection) + "/" + Uri.EscapeDataString(table) + rest, body, mayRepeat, cancellationToken);

        /// <summary>The records of a query answer: its "records" list, or any array of objects with properties.</summary>
        public static IReadOnlyList<JObject> Records(JToken answer)
        {
            if (answer is JArray list) return list.OfType<JObject>().ToList();
            var records = (answer as JObject)?["records"] as JArray
                ?? (answer as JObject)?.Properties().Select(p => p.Value).OfType<JArray>().FirstOrDefault(a => a.OfType<JObject>().Any(o => o["properties"] != null));
            return records?.OfType<JObject>().ToList() ?? new List<JObject>();
        }
    }
}
