using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Webhooks
{
    /// <summary>The webhook subscriptions of the feeding guide (/webhooks/v4/entity/{e}/webhookSubscription).</summary>
    internal sealed class WebhookApi
    {
        private readonly ActitoConnection _connection;

        public WebhookApi(ActitoConnection connection) => _connection = connection;

        private string Subscriptions => _connection.EntityPath("webhooks/v4/entity/{0}/webhookSubscription");

        /// <summary>Not repeated after an unknown outcome: a second call would subscribe twice, and the receiver get each event twice.</summary>
        public async Task<WebhookSubscription> CreateAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
        {
            var body = subscription.ToJson();
            var answer = await _connection.Api.SendAsync(HttpMethod.Post, Subscriptions, body, mayRepeat: false, cancellationToken).ConfigureAwait(false);
            var id = (answer as JObject)?["id"] ?? answer;
            var created = (JObject)body.DeepClone();
            if (answer is JObject full) created.Merge(full);
            return WebhookSubscription.Parse(created, id?.Type == JTokenType.Object ? null : id?.ToString());
        }

        public async Task<WebhookSubscription> GetAsync(string id, CancellationToken cancellationToken) =>
            WebhookSubscription.Parse(await _connection.Api.SendAsync(HttpMethod.Get, Subscriptions + "/" + Uri.EscapeDataString(id), null, true, cancellationToken).ConfigureAwait(false), id);

        public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken)
        {
            var answer = await _connection.Api.SendAsync(HttpMethod.Get, Subscriptions, null, true, cancellationToken).ConfigureAwait(false);
            var list = answer as JArray ?? (answer as JObject)?.Properties().Select(p => p.Value).OfType<JArray>().FirstOrDefault() ?? new JArray();
            return list.OfType<JObject>().Select(s => WebhookSubscription.Parse(s)).ToList();
        }

        public Task DeleteAsync(string id, CancellationToken cancellationToken) =>
            _connection.Api.SendAsync(HttpMethod.Delete, Subscriptions + "/" + Uri.EscapeDataString(id), null, true, cancellationToken);
    }
}
