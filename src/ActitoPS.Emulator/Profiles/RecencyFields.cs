namespace ActitoPS.Emulator.Profiles;

/// <summary>
/// The feeding guide's technical recency attributes ("Data initialization"): Actito computes them from
/// interactions, so an import may give them only in CREATE_ONLY mode, when migrating history. They are
/// not attributes of the licence's tables; the emulator keeps them beside a profile's attributes.
/// </summary>
internal static class RecencyFields
{
    /// <summary>
    /// The guide: "All fields are DATETIME types …, except: blacklistMoment (a DATETIME too), lastDevice:
    /// STRING, lastUserAgent: STRING". lastMailActivityStatus is not among the exceptions, so it is a DATETIME.
    /// </summary>
    public static readonly IReadOnlyList<AttributeSchema> All =
    [
        DateTime("lastMailOpeningMoment"),
        DateTime("lastMailClickMoment"),
        DateTime("lastMailTargetingMoment"),
        DateTime("lastMailActivityStatus"),
        Text("lastDevice"),
        Text("lastUserAgent"),
        DateTime("blacklistMoment"),
        DateTime("mobileTargetingRecency"),
        DateTime("mobileDeliveryRecency"),
        DateTime("goalReachedRecency"),
        DateTime("participationRecency"),
    ];

    /// <summary>Case-sensitive, like every technical name of a profile table.</summary>
    public static AttributeSchema? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    private static AttributeSchema DateTime(string name) => new(name, ProfileValueType.DateTime, false, false, null, null);

    private static AttributeSchema Text(string name) => new(name, ProfileValueType.String, false, false, 255, null);
}
