using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Profiles;

namespace ActitoPS.Emulator.CustomTables;

/// <summary>
/// Custom-table values, held typed: Long as <see cref="long"/>, String as <see cref="string"/>, Date as
/// <see cref="DateTimeOffset"/> (whole seconds, with its offset), Double as <see cref="double"/>, Boolean as
/// <see cref="bool"/>. Equality is the type's own (two dates are equal when they are the same instant);
/// text compares ordinally. Everything is culture-invariant.
/// </summary>
internal static class CustomValues
{
    /// <summary>How Actito writes a Date: 2019-02-25T17:26:44+01:00.</summary>
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    private static readonly string[] DateInputFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <returns>The typed value, or null when the JSON gives none (null, or empty text).</returns>
    /// <exception cref="ApiErrorException">400 INVALID_FIELD_VALUE: the value cannot be of the field's type.</exception>
    public static object? Parse(CustomFieldSchema field, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                return Parse(field, value.GetString()!);
            case JsonValueKind.Number when field.Type == CustomFieldType.Long:
                return value.TryGetInt64(out var number) ? number : throw Invalid(field, value.GetRawText());
            case JsonValueKind.Number when field.Type is CustomFieldType.Double or CustomFieldType.String:
                return Parse(field, value.GetRawText());
            case JsonValueKind.True or JsonValueKind.False when field.Type is CustomFieldType.Boolean or CustomFieldType.String:
                return Parse(field, value.GetRawText());
            default:
                throw Invalid(field, value.GetRawText());
        }
    }

    /// <returns>The typed value, or null for empty text.</returns>
    /// <exception cref="ApiErrorException">400 INVALID_FIELD_VALUE.</exception>
    public static object? Parse(CustomFieldSchema field, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        object? value = field.Type switch
        {
            CustomFieldType.String => text,
            CustomFieldType.Long => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null,
            CustomFieldType.Double => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) ? real : null,
            CustomFieldType.Boolean => text.ToUpperInvariant() switch
            {
                "TRUE" => true,
                "FALSE" => false,
                _ => null,
            },
            CustomFieldType.Date => TryParseDate(text, out var moment) ? moment : null,
            _ => null,
        };

        return value ?? throw Invalid(field, text);
    }

    /// <summary>
    /// yyyy-MM-dd and yyyy-MM-dd HH:mm:ss are taken as UTC; ISO 8601 keeps its offset. Fractions of a second
    /// are dropped, as Actito writes whole seconds.
    /// </summary>
    public static bool TryParseDate(string text, out DateTimeOffset moment)
    {
        if (!DateTimeOffset.TryParseExact(text, DateInputFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment))
        {
            return false;
        }

        moment = WholeSeconds(moment);
        return true;
    }

    public static DateTimeOffset WholeSeconds(DateTimeOffset moment) =>
        moment.AddTicks(-(moment.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>Long, Double and Boolean as JSON numbers and booleans; String and Date as text.</summary>
    public static JsonNode ToJson(object value) => value switch
    {
        long number => JsonValue.Create(number),
        double real => JsonValue.Create(real),
        bool flag => JsonValue.Create(flag),
        DateTimeOffset moment => JsonValue.Create(FormatDate(moment)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>The value as culture-invariant text (a business key in a URL, a snapshot's key).</summary>
    public static string ToText(object value) => value switch
    {
        long number => number.ToString(CultureInfo.InvariantCulture),
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        DateTimeOffset moment => FormatDate(moment),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string FormatDate(DateTimeOffset moment) => moment.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Orders two values of one field; a missing value comes before any value.</summary>
    public static int Compare(object? left, object? right) => (left, right) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string a, string b) => string.CompareOrdinal(a, b),
        (long a, long b) => a.CompareTo(b),
        (double a, double b) => a.CompareTo(b),
        (bool a, bool b) => a.CompareTo(b),
        (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
        _ => string.CompareOrdinal(ToText(left), ToText(right)),
    };

    public static ApiErrorException Invalid(CustomFieldSchema field, string text) =>
        new(ApiError.BadRequest(
            "INVALID_FIELD_VALUE",
            $"Field '{field.Name}': value {AttributeValueParser.Quote(text)} is not a valid {field.TypeName} (expected {field.Type.ExpectedFormat()}).",
            field.Name));
}
