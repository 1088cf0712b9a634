using System.Text.Json;

namespace ActitoPS.Emulator.Webhooks;

internal enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event sent to one subscription: the same body on every attempt, its attempts as they go.</summary>
internal sealed class WebhookDelivery(long id, WebhookSubscription subscription, long executionId, long? etlId, string executionStatus, string payload, DateTimeOffset createdAt)
{
    private readonly Lock _gate = new();
    private WebhookDeliveryStatus _status = WebhookDeliveryStatus.Pending;
    private int _attempts;
    private int? _lastStatusCode;
    private string? _lastError;
    private DateTimeOffset? _completedAt;

    public long Id { get; } = id;
    public WebhookSubscription Subscription { get; } = subscription;

    /// <summary>The JSON body, as sent.</summary>
    public string Payload { get; } = payload;

    /// <summary>Records an attempt: its HTTP status (null when no answer came) or what went wrong.</summary>
    public void Attempted(int? statusCode, string? error)
    {
        lock (_gate)
        {
            _attempts++;
            _lastStatusCode = statusCode;
            _lastError = error;
        }
    }

    public void End(WebhookDeliveryStatus status, DateTimeOffset at)
    {
        lock (_gate)
        {
            _status = status;
            _completedAt = at;
        }
    }

    public WebhookDeliverySnapshot ToSnapshot()
    {
        lock (_gate)
        {
            using var payload = JsonDocument.Parse(Payload);
            return new WebhookDeliverySnapshot(
                Id,
                Subscription.Id,
                Subscription.Entity,
                executionId,
                etlId,
                executionStatus,
                Subscription.TargetText,
                _status.ToString().ToUpperInvariant(),
                _attempts,
                _lastStatusCode,
                _lastError,
                payload.RootElement.Clone(),
                createdAt,
                _completedAt);
        }
    }
}
