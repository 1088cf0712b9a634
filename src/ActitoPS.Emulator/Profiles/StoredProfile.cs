namespace ActitoPS.Emulator.Profiles;

/// <summary>A profile as held by its table; only touched under the table's lock.</summary>
internal sealed class StoredProfile(long id, DateTimeOffset createdAt)
{
    public long Id { get; } = id;
    public Dictionary<string, AttributeValue> Attributes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, bool> Subscriptions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> Segmentations { get; } = new(StringComparer.Ordinal);
    public DataCollectionInformation? DataCollection { get; set; }

    /// <summary>Recency field name → canonical text; set only when an ETL in CREATE_ONLY creates the profile.</summary>
    public Dictionary<string, string> Recency { get; } = new(StringComparer.Ordinal);

    public int WriteCount { get; set; }
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    public ProfileSnapshot ToSnapshot(ProfileTableSchema schema)
    {
        // Licence order, so that snapshots read like the table's structure.
        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var attribute in schema.Attributes)
        {
            if (Attributes.TryGetValue(attribute.Name, out var value))
            {
                attributes[attribute.Name] = value.Text;
            }
        }

        return new ProfileSnapshot(
            Id,
            attributes,
            new Dictionary<string, bool>(Subscriptions, StringComparer.Ordinal),
            Segmentations.ToDictionary(s => s.Key, s => (IReadOnlyList<string>)s.Value.ToArray(), StringComparer.Ordinal),
            DataCollection,
            WriteCount,
            CreatedAt,
            UpdatedAt,
            Recency.Count == 0 ? null : new Dictionary<string, string>(Recency, StringComparer.Ordinal));
    }
}
