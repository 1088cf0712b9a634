using System.Text.Json;

namespace ActitoPS.Emulator;

/// <summary>A custom table as the custom-tables guide describes its structure, with seed records.</summary>
public sealed class CustomTableDefinition
{
    public string Id { get; set; } = "";
    public int? EntityId { get; set; }
    public string TechnicalName { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Category { get; set; } = "READWRITE";
    public List<string> Capabilities { get; set; } = [];
    public List<CustomTableAttributeDefinition> Attributes { get; set; } = [];
    public string PrimaryKey { get; set; } = "id";
    public string BusinessKey { get; set; } = "";
    public string? CreationMoment { get; set; }
    public string? UpdateMoment { get; set; }

    /// <summary>
    /// (Emulator addition) The fields a query may search or sort on, matched in any case. Null (absent):
    /// the business key, id, creationMoment and updateMoment.
    /// </summary>
    public List<string>? IndexedFields { get; set; }

    /// <summary>(Emulator addition) Seed records, restored by a reset.</summary>
    public List<CustomTableRecord> Records { get; set; } = [];
}

public sealed class CustomTableAttributeDefinition
{
    public string FieldName { get; set; } = "";

    /// <summary>Actito's Java-flavoured type names: Long, String, Date (the guide's), Double, Boolean; any case.</summary>
    public string Type { get; set; } = "String";

    public bool Unique { get; set; }
    public bool Required { get; set; }
    public string? Description { get; set; }
}

public sealed class CustomTableRecord
{
    public List<CustomTableProperty> Properties { get; set; } = [];
}

public sealed class CustomTableProperty
{
    public string Name { get; set; } = "";

    /// <summary>Kept as JSON: the guide mixes numbers and strings for the same kind of field.</summary>
    public JsonElement? Value { get; set; }
}
