namespace ActitoPS.Emulator;

public sealed class ProfileTableDefinition
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<ProfileAttributeDefinition> Attributes { get; set; } = [];
    public List<string> Subscriptions { get; set; } = [];
    public List<SegmentationDefinition> Segmentations { get; set; } = [];
}

public sealed class ProfileAttributeDefinition
{
    public string Name { get; set; } = "";

    /// <summary>STRING, INTEGER, DATE, DATETIME, BOOLEAN, EMAIL, SEX, LANGUAGE, COUNTRY or PHONE.</summary>
    public string ValueType { get; set; } = "STRING";

    public bool Unique { get; set; }
    public bool Mandatory { get; set; }

    /// <summary>For STRING, 255 when absent.</summary>
    public int? MaxLength { get; set; }

    public int? MinLength { get; set; }
}

public sealed class SegmentationDefinition
{
    public string Name { get; set; } = "";
    public List<string> Categories { get; set; } = [];
}
