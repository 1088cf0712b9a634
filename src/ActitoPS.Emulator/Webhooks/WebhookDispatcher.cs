using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.MassImports;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Webhooks;

/// <summary>
/// Sends the end of each ETL execution to the matching active subscriptions: a real HTTP POST of Actito's
/// ETL trigger payload (one-by-one or bulk), with the subscription's headers, in the background so that no
/// execution ever waits for a receiver. A failed attempt (no answer, a timeout, a status other than 2xx) is
/// retried after a delay that doubles; every attempt is recorded for the admin API.
/// </summary>
internal sealed class WebhookDispatcher : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken> _stopping;
    private readonly int _maxAttempts;
    private readonly TimeSpan _retryDelay;

    public WebhookDispatcher(TimeProvider time, Func<CancellationToken> stopping, int maxAttempts, TimeSpan retryDelay, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _time = time;
        _stopping = stopping;
        _maxAttempts = maxAttempts;
        _retryDelay = retryDelay;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            Proxy = new LoopbackBypass(HttpClient.DefaultProxy),

            // No traceparent header of .NET's own: the receiver gets the subscription's headers and the body.
            ActivityHeadersPropagator = null,
        };
        _http = new HttpClient(handler) { Timeout = timeout };
    }

    /// <summary>Starts a delivery to every active subscription watching this execution; returns at once.</summary>
    public void Notify(EmulatorState state, EtlExecution execution)
    {
        var subscriptions = state.Webhooks.Matching(execution.Entity, execution.EtlId);
        if (subscriptions.Count == 0)
        {
            return;
        }

        var status = ExecutionStatus(execution);
        foreach (var subscription in subscriptions)
        {
            var payload = Payload(subscription, execution, status);
            var delivery = state.Webhooks.AddDelivery(id =>
                new WebhookDelivery(id, subscription, execution.Id, execution.EtlId, status, payload, _time.GetUtcNow()));
            var cancellation = state.Etl.Cancellation;
            _ = Task.Run(() => DeliverAsync(delivery, cancellation));
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>SUCCESS or WITH_ERROR as Actito's trigger payload says; FAILED (the emulator's choice) for an execution that loaded nothing.</summary>
    public static string ExecutionStatus(EtlExecution execution) => execution.Outcome switch
    {
        { Status: EtlStatus.Finished, Results.LinesInError: 0 } => "SUCCESS",
        { Status: EtlStatus.Finished } => "WITH_ERROR",
        _ => "FAILED",
    };

    /// <summary>
    /// Actito's ETL trigger payload: an event id, the ETL and execution ids as text, the status and the links;
    /// BULK sends data as an array (here of the one event, sent at once). A one-shot execution has no ETL:
    /// its event has neither etl.id nor the etl link.
    /// </summary>
    private static string Payload(WebhookSubscription subscription, EtlExecution execution, string status)
    {
        var links = new JsonObject { ["etlExecution"] = new JsonObject { ["href"] = EtlPaths.Execution(execution) } };
        var data = new JsonObject();
        if (execution.EtlId is { } etlId)
        {
            data["etl.id"] = etlId.ToString(CultureInfo.InvariantCulture);
            links["etl"] = new JsonObject { ["href"] = EtlPaths.Etl(execution.Entity, etlId) };
        }

        data["etl.executionId"] = execution.Id.ToString(CultureInfo.InvariantCulture);
        data["etl.executionStatus"] = status;
        data["_links"] = links;
        var body = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["data"] = subscription.PushType == WebhookSubscription.Bulk ? new JsonArray(data) : data,
            ["_links"] = new JsonObject
            {
                ["webhook"] = new JsonObject
                {
                    ["href"] = string.Create(CultureInfo.InvariantCulture, $"{WebhookEndpoints.Path(subscription.Entity)}/{subscription.Id}"),
                },
            },
        };
        return body.ToJsonString(Json.EmulatorJson.Api);
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken stateCancellation)
    {
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stateCancellation, _stopping());
            for (var attempt = 1; ; attempt++)
            {
                if (await AttemptAsync(delivery, cancel.Token).ConfigureAwait(false))
                {
                    delivery.End(WebhookDeliveryStatus.Delivered, _time.GetUtcNow());
                    return;
                }

                if (attempt >= _maxAttempts)
                {
                    delivery.End(WebhookDeliveryStatus.Failed, _time.GetUtcNow());
                    return;
                }

                await Task.Delay(_retryDelay * Math.Pow(2, attempt - 1), _time, cancel.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Reset, a new licence or the server stopping: the delivery is gone with its state, still PENDING.
        }
    }

    /// <returns>True when the receiver answered 2xx.</returns>
    private async Task<bool> AttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Subscription.TargetUrl)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in delivery.Subscription.Headers)
        {
            // Actito posts JSON: a Content-Type of the subscription is ignored.
            if (!string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase) && !request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var ok = response.IsSuccessStatusCode;
            delivery.Attempted((int)response.StatusCode, ok ? null : $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            return ok;
        }
        catch (HttpRequestException ex)
        {
            delivery.Attempted(null, ex.Message);
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            delivery.Attempted(null, string.Create(CultureInfo.InvariantCulture, $"No answer within {_http.Timeout.TotalSeconds:0.###} s."));
            return false;
        }
    }

    /// <summary>The system's proxy, but never for a receiver on this machine.</summary>
    private sealed class LoopbackBypass(IWebProxy inner) : IWebProxy
    {
        public ICredentials? Credentials
        {
            get => inner.Credentials;
            set => inner.Credentials = value;
        }

        public Uri? GetProxy(Uri destination) => inner.GetProxy(destination);

        public bool IsBypassed(Uri host) => host.IsLoopback || inner.IsBypassed(host);
    }
}
