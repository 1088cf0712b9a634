namespace ActitoPS.Emulator.Profiles;

/// <summary>A licence's profile table, indexed for validation. Attribute, subscription and segmentation names are case-sensitive.</summary>
internal sealed class ProfileTableSchema
{
    private readonly Dictionary<string, AttributeSchema> _attributes;
    private readonly Dictionary<string, SegmentationDefinition> _segmentations;
    private readonly HashSet<string> _subscriptions;

    public ProfileTableSchema(string entityName, ProfileTableDefinition definition)
    {
        EntityName = entityName;
        Definition = definition;
        Attributes = definition.Attributes.Select(AttributeSchema.From).ToList();
        _attributes = Attributes.ToDictionary(a => a.Name, StringComparer.Ordinal);
        _segmentations = definition.Segmentations.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _subscriptions = new HashSet<string>(definition.Subscriptions, StringComparer.Ordinal);
    }

    public string EntityName { get; }
    public ProfileTableDefinition Definition { get; }
    public string Id => Definition.Id;
    public string Name => Definition.Name;
    public IReadOnlyList<AttributeSchema> Attributes { get; }
    public IEnumerable<AttributeSchema> UniqueAttributes => Attributes.Where(a => a.Unique);
    public IReadOnlyList<string> Subscriptions => Definition.Subscriptions;

    public AttributeSchema? FindAttribute(string name) => _attributes.GetValueOrDefault(name);

    public bool HasSubscription(string name) => _subscriptions.Contains(name);

    public SegmentationDefinition? FindSegmentation(string name) => _segmentations.GetValueOrDefault(name);
}
