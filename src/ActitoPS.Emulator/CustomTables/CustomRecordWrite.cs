namespace ActitoPS.Emulator.CustomTables;

/// <summary>A validated record body: the fields it sets, before any decision about which record it lands on.</summary>
internal sealed class CustomRecordWrite
{
    /// <summary>In body order; a null value clears the field.</summary>
    public List<KeyValuePair<CustomFieldSchema, object?>> Fields { get; } = [];

    /// <summary>The business key's value when the body gives one.</summary>
    public object? BusinessKey { get; set; }

    public bool Gives(CustomFieldSchema field) => Fields.Any(f => f.Key == field);
}
