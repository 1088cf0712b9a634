namespace ActitoPS.Emulator;

/// <summary>Everything the emulator holds, as of one moment; safe to keep and compare.</summary>
public sealed record EmulatorStateSnapshot(IReadOnlyList<EntitySnapshot> Entities);

public sealed record EntitySnapshot(string Name, IReadOnlyList<ProfileTableSnapshot> ProfileTables, IReadOnlyList<CustomTableSnapshot> CustomTables);

public sealed record ProfileTableSnapshot(string Id, string Name, IReadOnlyList<ProfileSnapshot> Profiles);

/// <param name="Attributes">Set attributes only, name → canonical invariant text (dates as yyyy-MM-dd).</param>
/// <param name="Subscriptions">Only subscriptions ever given a value for this profile, name → subscribed.</param>
/// <param name="Segmentations">Segmentation name → the categories the profile belongs to.</param>
/// <param name="DataCollectionInformation">The latest information received with a write.</param>
/// <param name="WriteCount">Successful writes applied to this profile (creation included).</param>
/// <param name="RecencyFields">
/// The recency fields an ETL in CREATE_ONLY gave when it created the profile (lastMailOpeningMoment…), name →
/// canonical text; null when none.
/// </param>
public sealed record ProfileSnapshot(
    long ProfileId,
    IReadOnlyDictionary<string, string?> Attributes,
    IReadOnlyDictionary<string, bool> Subscriptions,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Segmentations,
    DataCollectionInformation? DataCollectionInformation,
    int WriteCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, string>? RecencyFields = null);

/// <param name="Id">The table's technical id.</param>
/// <param name="Records">By id.</param>
public sealed record CustomTableSnapshot(string Id, string TechnicalName, IReadOnlyList<CustomTableRecordSnapshot> Records);

/// <param name="BusinessKey">The business key's value as invariant text (what a URL names the record by).</param>
/// <param name="Properties">
/// Fields that hold a value, in structure order, under the structure's spelling, typed: Long as
/// <see cref="long"/>, String as <see cref="string"/>, Date as <see cref="DateTimeOffset"/>, Double as
/// <see cref="double"/>, Boolean as <see cref="bool"/>. The technical fields id, creationMoment and
/// updateMoment are included.
/// </param>
/// <param name="WriteCount">Successful writes applied to the record (creation included; 0 for a licence's seed record).</param>
public sealed record CustomTableRecordSnapshot(string BusinessKey, IReadOnlyDictionary<string, object> Properties, int WriteCount);
