namespace ActitoPS.Emulator;

/// <summary>Everything the emulator holds, as of one moment; safe to keep and compare.</summary>
public sealed record EmulatorStateSnapshot(IReadOnlyList<EntitySnapshot> Entities);

public sealed record EntitySnapshot(string Name, IReadOnlyList<ProfileTableSnapshot> ProfileTables);

public sealed record ProfileTableSnapshot(string Id, string Name, IReadOnlyList<ProfileSnapshot> Profiles);

/// <param name="Attributes">Set attributes only, name → canonical invariant text (dates as yyyy-MM-dd).</param>
/// <param name="Subscriptions">Only subscriptions ever given a value for this profile, name → subscribed.</param>
/// <param name="Segmentations">Segmentation name → the categories the profile belongs to.</param>
/// <param name="DataCollectionInformation">The latest information received with a write.</param>
/// <param name="WriteCount">Successful writes applied to this profile (creation included).</param>
public sealed record ProfileSnapshot(
    long ProfileId,
    IReadOnlyDictionary<string, string?> Attributes,
    IReadOnlyDictionary<string, bool> Subscriptions,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Segmentations,
    DataCollectionInformation? DataCollectionInformation,
    int WriteCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
