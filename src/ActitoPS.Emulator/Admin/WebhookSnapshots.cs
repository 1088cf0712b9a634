using System.Text.Json;

namespace ActitoPS.Emulator;

/// <summary>A TRIGGERED ETL definition (<see cref="EmulatorAdmin.GetEtlDefinitions"/>).</summary>
/// <param name="Definition">The definition as it was posted, with its id first (what GET …/etls/{id} answers).</param>
public sealed record EtlDefinitionSnapshot(
    long Id,
    string Entity,
    string Name,
    bool Paused,
    IReadOnlyList<EtlDefinitionFileSnapshot> Files,
    DateTimeOffset CreatedAt,
    JsonElement Definition);

/// <summary>One file of a TRIGGERED ETL and the table it loads.</summary>
/// <param name="FileNamePattern">As given; null for a one-file ETL that gives none.</param>
/// <param name="DestinationType">PROFILE_TABLE or CUSTOM_TABLE.</param>
/// <param name="DestinationTable">The profile table's name or the custom table's technicalName.</param>
public sealed record EtlDefinitionFileSnapshot(string FileCode, string? FileNamePattern, string DestinationType, string DestinationTable, string Mode);

/// <summary>A webhook subscription (<see cref="EmulatorAdmin.GetWebhookSubscriptions"/>).</summary>
/// <param name="OnElementId">The ETL watched; null: every execution of the entity.</param>
public sealed record WebhookSubscriptionSnapshot(
    long Id,
    string Entity,
    string On,
    string? OnElementId,
    string EventType,
    string TargetUrl,
    IReadOnlyDictionary<string, string> Headers,
    string WebhookPushType,
    bool IsActive);

/// <summary>One event sent (or being sent) to one subscription (<see cref="EmulatorAdmin.GetWebhookDeliveries"/>).</summary>
/// <param name="EtlId">The TRIGGERED ETL; null for a one-shot execution.</param>
/// <param name="ExecutionStatus">What the payload says: SUCCESS, WITH_ERROR or FAILED.</param>
/// <param name="Status">PENDING (being attempted, or waiting to retry), DELIVERED (a 2xx answer) or FAILED (every attempt failed).</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="LastStatusCode">The HTTP status of the latest attempt; null when no answer came.</param>
/// <param name="LastError">Why the latest attempt failed; null when it succeeded or none was made yet.</param>
/// <param name="Payload">The JSON body sent, the same on every attempt.</param>
/// <param name="CompletedAt">When it was DELIVERED or FAILED (the emulator's clock).</param>
public sealed record WebhookDeliverySnapshot(
    long Id,
    long SubscriptionId,
    string Entity,
    long ExecutionId,
    long? EtlId,
    string ExecutionStatus,
    string TargetUrl,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    JsonElement Payload,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
