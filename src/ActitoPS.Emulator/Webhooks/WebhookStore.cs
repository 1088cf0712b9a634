using System.Globalization;

namespace ActitoPS.Emulator.Webhooks;

/// <summary>
/// The webhook subscriptions of one licence state and the deliveries made to them: a reset or a new licence
/// starts with none (and stops the old state's retries).
/// </summary>
internal sealed class WebhookStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, WebhookSubscription> _subscriptions = [];
    private readonly List<WebhookDelivery> _deliveries = [];
    private long _lastSubscriptionId;
    private long _lastDeliveryId;

    public WebhookSubscription Add(Func<long, WebhookSubscription> create)
    {
        lock (_gate)
        {
            var subscription = create(++_lastSubscriptionId);
            _subscriptions.Add(subscription.Id, subscription);
            return subscription;
        }
    }

    public WebhookSubscription? Find(long id)
    {
        lock (_gate)
        {
            return _subscriptions.GetValueOrDefault(id);
        }
    }

    public bool Remove(long id)
    {
        lock (_gate)
        {
            return _subscriptions.Remove(id);
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<WebhookSubscription> List()
    {
        lock (_gate)
        {
            return _subscriptions.Values.OrderBy(s => s.Id).ToList();
        }
    }

    /// <summary>
    /// The active subscriptions an execution's end is sent to: those of its ETL (onElementId), and those without
    /// onElementId, which watch every execution of the entity, one-shots included.
    /// </summary>
    /// <param name="etlId">Null for a one-shot execution.</param>
    public IReadOnlyList<WebhookSubscription> Matching(string entity, long? etlId)
    {
        var element = etlId?.ToString(CultureInfo.InvariantCulture);
        lock (_gate)
        {
            return _subscriptions.Values
                .Where(s => s.IsActive && s.Entity == entity && (s.OnElementId is null || s.OnElementId == element))
                .OrderBy(s => s.Id)
                .ToList();
        }
    }

    public WebhookDelivery AddDelivery(Func<long, WebhookDelivery> create)
    {
        lock (_gate)
        {
            var delivery = create(++_lastDeliveryId);
            _deliveries.Add(delivery);
            return delivery;
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries()
    {
        lock (_gate)
        {
            return _deliveries.ToList();
        }
    }
}
