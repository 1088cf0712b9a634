namespace ActitoPS.Emulator.Profiles;

/// <summary>A validated create/update body: what to set, without any decision yet about which profile it lands on.</summary>
internal sealed class ProfileWrite
{
    /// <summary>A null value clears the attribute.</summary>
    public List<KeyValuePair<AttributeSchema, AttributeValue?>> Attributes { get; } = [];
    public List<KeyValuePair<string, bool>> Subscriptions { get; } = [];
    public List<SegmentationChange> Segmentations { get; } = [];
    public DataCollectionInformation? DataCollection { get; set; }
}

internal sealed record SegmentationChange(string Segmentation, string Category, bool Belongs);
