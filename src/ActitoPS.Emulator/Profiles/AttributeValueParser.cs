using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.Profiles;

/// <summary>Turns a JSON (or URL) value into the canonical text of its attribute's valueType, or says why it cannot.</summary>
internal static partial class AttributeValueParser
{
    private const int MinPhoneDigits = 6;
    private const int MaxPhoneDigits = 20;
    private const int MaxQuotedValueLength = 100;

    /// <returns>The canonical value, or null when the JSON value clears the attribute (null or empty text).</returns>
    /// <exception cref="ApiErrorException">The value does not fit the attribute.</exception>
    public static AttributeValue? Parse(AttributeSchema attribute, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                return Parse(attribute, value.GetString()!);
            case JsonValueKind.Number when attribute.Type == ProfileValueType.Integer:
                return value.TryGetInt64(out var number)
                    ? new AttributeValue(number.ToString(CultureInfo.InvariantCulture))
                    : throw Invalid(attribute, value.GetRawText());
            case JsonValueKind.Number:
                // A number is a fine spelling of a string, a phone number or a 1/0 boolean.
                return Parse(attribute, value.GetRawText());
            case JsonValueKind.True or JsonValueKind.False
                when attribute.Type is ProfileValueType.Boolean or ProfileValueType.String:
                return Parse(attribute, value.GetRawText());
            default:
                throw Invalid(attribute, value.GetRawText());
        }
    }

    /// <returns>The canonical value, or null for empty text (which clears the attribute).</returns>
    /// <exception cref="ApiErrorException">The text does not fit the attribute.</exception>
    public static AttributeValue? Parse(AttributeSchema attribute, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var canonical = attribute.Type switch
        {
            ProfileValueType.String => text,
            ProfileValueType.Integer => ParseInteger(text),
            ProfileValueType.Date => ActitoDates.TryParseDate(text, out var date) ? date : null,
            ProfileValueType.DateTime => ActitoDates.TryParseDateTime(text, out var moment) ? moment : null,
            ProfileValueType.Boolean => ParseBoolean(text),
            ProfileValueType.Email => EmailPattern().IsMatch(text) ? text : null,
            ProfileValueType.Sex => text is "M" or "m" or "F" or "f" ? text.ToUpperInvariant() : null,
            ProfileValueType.Language or ProfileValueType.Country => TwoLetters().IsMatch(text) ? text.ToUpperInvariant() : null,
            ProfileValueType.Phone => IsPhone(text) ? text : null,
            _ => null,
        };

        if (canonical is null)
        {
            throw Invalid(attribute, text);
        }

        CheckLength(attribute, canonical);
        return new AttributeValue(canonical);
    }

    public static string ExpectedFormat(ProfileValueType type) => type switch
    {
        ProfileValueType.String => "text",
        ProfileValueType.Integer => "a whole number (JSON number or digits)",
        ProfileValueType.Date => "yyyy-MM-dd or dd/MM/yyyy",
        ProfileValueType.DateTime => "yyyy-MM-dd HH:mm:ss or dd/MM/yyyy HH:mm:ss",
        ProfileValueType.Boolean => "true, false, 1, 0, Y or N",
        ProfileValueType.Email => "an address like name@domain.tld",
        ProfileValueType.Sex => "M or F",
        ProfileValueType.Language => "a two-letter ISO 639-1 code",
        ProfileValueType.Country => "a two-letter ISO 3166-1 code",
        ProfileValueType.Phone => "6 to 20 digits, optionally with a leading +, spaces, dashes and parentheses",
        _ => "a valid value",
    };

    public static string Quote(string text) =>
        text.Length <= MaxQuotedValueLength ? $"'{text}'" : $"'{text[..MaxQuotedValueLength]}…'";

    private static string? ParseInteger(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// The spellings of a boolean a BOOLEAN attribute takes, which are also those of a file's values
    /// (an ETL file's subscriptions#Name column among them).
    /// </summary>
    /// <returns>"true", "false", or null when the text is neither.</returns>
    public static string? ParseBoolean(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "Y" => "true",
        "FALSE" or "0" or "N" => "false",
        _ => null,
    };

    private static bool IsPhone(string text)
    {
        if (!PhoneCharacters().IsMatch(text))
        {
            return false;
        }

        var digits = text.Count(char.IsAsciiDigit);
        return digits is >= MinPhoneDigits and <= MaxPhoneDigits;
    }

    private static void CheckLength(AttributeSchema attribute, string canonical)
    {
        if (canonical.Length > attribute.MaxLength)
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_ATTRIBUTE_VALUE",
                string.Create(CultureInfo.InvariantCulture,
                    $"Attribute '{attribute.Name}': value {Quote(canonical)} is {canonical.Length} characters long, more than its maxLength of {attribute.MaxLength}."),
                attribute.Name));
        }

        if (canonical.Length < attribute.MinLength)
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_ATTRIBUTE_VALUE",
                string.Create(CultureInfo.InvariantCulture,
                    $"Attribute '{attribute.Name}': value {Quote(canonical)} is {canonical.Length} characters long, less than its minLength of {attribute.MinLength}."),
                attribute.Name));
        }
    }

    private static ApiErrorException Invalid(AttributeSchema attribute, string text) =>
        new(ApiError.BadRequest(
            "INVALID_ATTRIBUTE_VALUE",
            $"Attribute '{attribute.Name}': value {Quote(text)} is not a valid {attribute.Type.ToWireName()} (expected {ExpectedFormat(attribute.Type)}).",
            attribute.Name));

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[A-Za-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex TwoLetters();

    [GeneratedRegex(@"^\+?[0-9 ()\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCharacters();
}
