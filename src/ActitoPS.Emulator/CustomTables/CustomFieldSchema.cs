namespace ActitoPS.Emulator.CustomTables;

/// <param name="Name">The structure's spelling; bodies and queries may use any case.</param>
/// <param name="TypeName">As the licence spells it, for the structure answer.</param>
/// <param name="Technical">id, creationMoment, updateMoment: set by the server, never given.</param>
internal sealed record CustomFieldSchema(
    string Name,
    CustomFieldType Type,
    string TypeName,
    bool Unique,
    bool Required,
    string? Description,
    bool Technical,
    bool Indexed);
