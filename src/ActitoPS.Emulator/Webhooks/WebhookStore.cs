using System.Globalization;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Webhooks;

/// <summary>
/// The webhook subscriptions of one licence state and the deliveries made to them: a reset or a new licence
/// starts with none (and stops the old state's retries).
/// </summary>
internal sealed class WebhookStore
{
    private readonly Lock _gate = new();
    private readonly NumberedStore<WebhookSubscription> _subscriptions = new(1, s => s.Id);
    private readonly List<WebhookDelivery> _deliveries = [];
    private long _lastDeliveryId;

    public WebhookSubscription Add(Func<long, WebhookSubscription> create) => _subscriptions.Add(create);

    public WebhookSubscription? Find(long id) => _subscriptions.Find(id);

    public bool Remove(long id) => _subscriptions.Remove(id);

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<WebhookSubscription> List() => _subscriptions.List();

    /// <summary>
    /// The active subscriptions an execution's end is sent to: those of its ETL (onElementId), and those without
    /// onElementId, which watch every execution of the entity, one-shots included.
    /// </summary>
    /// <param name="etlId">Null for a one-shot execution.</param>
    public IReadOnlyList<WebhookSubscription> Matching(string entity, long? etlId)
    {
        var element = etlId?.ToString(CultureInfo.InvariantCulture);
        return _subscriptions.Where(s => s.IsActive && s.Entity == entity && (s.OnElementId is null || s.OnElementId == element));
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
