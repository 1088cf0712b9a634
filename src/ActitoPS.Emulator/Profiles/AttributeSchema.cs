namespace ActitoPS.Emulator.Profiles;

internal sealed record AttributeSchema(
    string Name,
    ProfileValueType Type,
    bool Unique,
    bool Mandatory,
    int? MaxLength,
    int? MinLength)
{
    private const int DefaultStringMaxLength = 255;

    public static AttributeSchema From(ProfileAttributeDefinition definition)
    {
        ProfileValueTypes.TryParse(definition.ValueType, out var type);
        var maxLength = definition.MaxLength ?? (type == ProfileValueType.String ? DefaultStringMaxLength : null);
        return new AttributeSchema(definition.Name, type, definition.Unique, definition.Mandatory, maxLength, definition.MinLength);
    }

    /// <summary>
    /// The text two values must share to be "the same" for matching: e-mail addresses are compared
    /// without regard to case, everything else by its canonical text.
    /// </summary>
    public string IndexKey(AttributeValue value) =>
        Type == ProfileValueType.Email ? value.Text.ToLowerInvariant() : value.Text;
}
