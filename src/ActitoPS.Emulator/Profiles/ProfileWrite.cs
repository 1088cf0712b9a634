namespace ActitoPS.Emulator.Profiles;

/// <summary>A validated create/update body: what to set, without any decision yet about which profile it lands on.</summary>
internal sealed class ProfileWrite
{
    /// <summary>A null value clears the attribute.</summary>
    public List<KeyValuePair<AttributeSchema, AttributeValue?>> Attributes { get; } = [];
    public List<KeyValuePair<string, bool>> Subscriptions { get; } = [];
    public List<SegmentationChange> Segmentations { get; } = [];
    public DataCollectionInformation? DataCollection { get; set; }

    /// <summary>Recency fields (<see cref="RecencyFields"/>): only an ETL in CREATE_ONLY gives them, so only a creation sets them.</summary>
    public List<KeyValuePair<AttributeSchema, AttributeValue>> Recency { get; } = [];

    /// <summary>Whether the write gives a value to one of these attributes.</summary>
    public bool GivesAny(IEnumerable<AttributeSchema> attributes) =>
        attributes.Any(a => Attributes.Any(given => given.Key == a && given.Value is not null));
}

internal sealed record SegmentationChange(string Segmentation, string Category, bool Belongs);
