using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.Webhooks
{
    /// <summary>New-, Get- and Remove-ActitoWebhookSubscription: Actito calls a URL of the customer's when an ETL execution finishes.</summary>
    public sealed class WebhookOperation
    {
        private readonly ActitoConnection _connection;
        private readonly IActitoHost _host;
        private readonly WebhookApi _api;
        private readonly ItemCalls _calls;

        public WebhookOperation(ActitoConnection connection, IActitoHost host, CancellationToken cancellationToken)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _host = host;
            _api = new WebhookApi(connection);
            _calls = new ItemCalls(host, cancellationToken);
        }

        /// <param name="etlId">The ETL watched; null: every ETL execution of the entity.</param>
        /// <param name="headers">Sent with each call (the receiver's key, say): never shown back.</param>
        public void New(string? etlId, string targetUrl, IReadOnlyDictionary<string, string> headers, bool active)
        {
            if (!Uri.TryCreate(targetUrl, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp))
                throw new ArgumentException($"'{targetUrl}' is not an http(s) URL Actito can call.");
            if (target.Scheme == Uri.UriSchemeHttp && !target.IsLoopback)
                _host.WriteWarning($"{targetUrl} is plain http: the headers (often the receiver's key) would cross the internet unencrypted. Prefer https.");
            var subscription = new WebhookSubscription(null, "ETL_EXECUTION", etlId, "FINISHED", targetUrl, headers, "ONE_BY_ONE", active, null);
            if (!_host.ShouldProcess($"{targetUrl} on {(etlId == null ? "every ETL execution" : "the executions of ETL " + etlId)} of entity '{_connection.Entity}'", "Subscribe")) return;
            _host.WriteObject(Call(ct => _api.CreateAsync(subscription, ct)));
        }

        public void Get(string? id)
        {
            if (id != null)
            {
                PerId(id, () => _host.WriteObject(Call(ct => _api.GetAsync(id, ct))));
                return;
            }
            foreach (var subscription in Call(ct => _api.ListAsync(ct))) _host.WriteObject(subscription);
        }

        public void Remove(string id)
        {
            if (!_host.ShouldProcess($"webhook subscription {id} of entity '{_connection.Entity}'", "Delete")) return;
            PerId(id, () => _calls.Call(ct => _api.DeleteAsync(id, ct)));
        }

        private void PerId(string id, Action work) =>
            _calls.ForItem(id, failure => $"Entity '{_connection.Entity}' has no webhook subscription {id}: {failure.Message}", work);

        private T Call<T>(Func<CancellationToken, Task<T>> call) => _calls.Call(call);
    }
}
