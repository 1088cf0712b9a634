using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.Webhooks;

/// <summary>
/// A webhook subscription (POST /webhooks/v4/entity/{e}/webhookSubscription) in the feeding guide's shape.
/// The emulator serves <c>on</c> ETL_EXECUTION with <c>eventType</c> FINISHED. Immutable.
/// </summary>
/// <param name="Entity">The entity's name as the licence spells it.</param>
/// <param name="OnElementId">The ETL it watches, as text; null: every execution of the entity (one-shots included).</param>
/// <param name="Headers">Sent with every call, in the order given (a Content-Type among them is kept here but not sent).</param>
/// <param name="PushType">ONE_BY_ONE, or BULK (data as an array).</param>
/// <param name="MaxBlockSize">BULK's largest array, as given; kept, not needed (the emulator sends each event at once).</param>
internal sealed record WebhookSubscription(
    long Id,
    string Entity,
    string On,
    string? OnElementId,
    string EventType,
    Uri TargetUrl,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PushType,
    int? MaxBlockSize,
    bool IsActive)
{
    public const string EtlExecution = "ETL_EXECUTION";
    public const string Finished = "FINISHED";
    public const string OneByOne = "ONE_BY_ONE";
    public const string Bulk = "BULK";

    public string TargetText => TargetUrl.OriginalString;

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = Id, ["on"] = On };
        if (OnElementId is not null)
        {
            json["onElementId"] = OnElementId;
        }

        json["eventType"] = EventType;
        json["targetUrl"] = TargetText;
        json["headers"] = new JsonObject(Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value)));
        json["webhookPushType"] = PushType;
        if (MaxBlockSize is { } size)
        {
            json["maxBlockSize"] = size;
        }

        json["isActive"] = IsActive;
        return json;
    }

    public WebhookSubscriptionSnapshot ToSnapshot() =>
        new(Id, Entity, On, OnElementId, EventType, TargetText, Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase), PushType, IsActive);
}
