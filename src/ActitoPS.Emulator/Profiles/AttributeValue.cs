using System.Globalization;

namespace ActitoPS.Emulator.Profiles;

/// <summary>A validated attribute value in its canonical, culture-invariant text.</summary>
internal readonly record struct AttributeValue(string Text)
{
    /// <summary>INTEGER values go back on the wire as JSON numbers.</summary>
    public long? AsInteger(ProfileValueType type) =>
        type == ProfileValueType.Integer && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
