using System.Globalization;

namespace ActitoPS.Emulator.CustomTables;

/// <summary>
/// A licence's custom table, indexed for validation. Field names match in any case (the guide: "these names
/// are not case sensitive"). The three technical fields are always there: a licence that leaves one out
/// gets it added after its own attributes, as Actito's tables always carry them.
/// </summary>
internal sealed class CustomTableSchema
{
    public const string IdField = "id";
    public const string CreationMomentField = "creationMoment";
    public const string UpdateMomentField = "updateMoment";

    /// <summary>The technical fields with the type each must have.</summary>
    public static readonly IReadOnlyList<(string Name, CustomFieldType Type)> TechnicalFields =
    [
        (IdField, CustomFieldType.Long),
        (CreationMomentField, CustomFieldType.Date),
        (UpdateMomentField, CustomFieldType.Date),
    ];

    private readonly Dictionary<string, CustomFieldSchema> _fields;

    /// <param name="entityPosition">1-based: the entityId answered when the licence gives none.</param>
    /// <param name="loadedAt">The table's moments when the licence gives none.</param>
    public CustomTableSchema(string entityName, int entityPosition, CustomTableDefinition definition, DateTimeOffset loadedAt)
    {
        EntityName = entityName;
        Definition = definition;
        EntityId = definition.EntityId ?? entityPosition;
        var indexed = definition.IndexedFields
            ?? [definition.BusinessKey, IdField, CreationMomentField, UpdateMomentField];
        var indexedSet = new HashSet<string>(indexed, StringComparer.OrdinalIgnoreCase);

        var fields = new List<CustomFieldSchema>();
        foreach (var attribute in definition.Attributes ?? [])
        {
            CustomFieldTypes.TryParse(attribute.Type, out var type);
            fields.Add(new CustomFieldSchema(
                attribute.FieldName,
                type,
                attribute.Type,
                attribute.Unique,
                attribute.Required,
                attribute.Description,
                IsTechnical(attribute.FieldName),
                indexedSet.Contains(attribute.FieldName)));
        }

        foreach (var (name, type) in TechnicalFields)
        {
            if (!fields.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                fields.Add(new CustomFieldSchema(name, type, type.ToString(), name == IdField, true, null, true, indexedSet.Contains(name)));
            }
        }

        Fields = fields;
        _fields = fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        BusinessKey = _fields[definition.BusinessKey];
        Id = _fields[IdField];
        CreationMoment = _fields[CreationMomentField];
        UpdateMoment = _fields[UpdateMomentField];
        TableCreationMoment = ParseMoment(definition.CreationMoment) ?? loadedAt;
        TableUpdateMoment = ParseMoment(definition.UpdateMoment) ?? loadedAt;
    }

    public string EntityName { get; }
    public CustomTableDefinition Definition { get; }
    public string TableId => Definition.Id;
    public string TechnicalName => Definition.TechnicalName;
    public int EntityId { get; }

    /// <summary>Licence order, then any technical field the licence left out.</summary>
    public IReadOnlyList<CustomFieldSchema> Fields { get; }

    public CustomFieldSchema BusinessKey { get; }
    public CustomFieldSchema Id { get; }
    public CustomFieldSchema CreationMoment { get; }
    public CustomFieldSchema UpdateMoment { get; }
    public DateTimeOffset TableCreationMoment { get; }
    public DateTimeOffset TableUpdateMoment { get; }

    /// <summary>Unique fields other than the business key and the id, whose values no two records may share.</summary>
    public IEnumerable<CustomFieldSchema> OtherUniqueFields => Fields.Where(f => f.Unique && f != BusinessKey && !f.Technical);

    public static bool IsTechnical(string name) =>
        TechnicalFields.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Any case.</summary>
    public CustomFieldSchema? FindField(string name) => _fields.GetValueOrDefault(name);

    /// <summary>For the table's own creationMoment and updateMoment.</summary>
    public static DateTimeOffset? ParseMoment(string? text) =>
        text is not null && CustomValues.TryParseDate(text, out var moment) ? moment : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{EntityName}/{TechnicalName}");
}
