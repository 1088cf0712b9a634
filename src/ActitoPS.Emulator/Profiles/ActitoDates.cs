using System.Globalization;

namespace ActitoPS.Emulator.Profiles;

/// <summary>
/// Actito documents ISO dates (<c>yyyy-MM-dd</c>) while its own JSON examples use <c>dd/MM/yyyy</c>;
/// both are accepted and stored in the ISO form.
/// </summary>
internal static class ActitoDates
{
    public const string IsoDate = "yyyy-MM-dd";
    public const string IsoDateTime = "yyyy-MM-dd HH:mm:ss";

    private static readonly string[] DateFormats = [IsoDate, "dd/MM/yyyy"];
    private static readonly string[] DateTimeFormats = [IsoDateTime, "dd/MM/yyyy HH:mm:ss"];

    public static bool TryParseDate(string text, out string canonical)
    {
        var ok = DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        canonical = ok ? date.ToString(IsoDate, CultureInfo.InvariantCulture) : "";
        return ok;
    }

    public static bool TryParseDateTime(string text, out string canonical)
    {
        var ok = DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment);
        canonical = ok ? moment.ToString(IsoDateTime, CultureInfo.InvariantCulture) : "";
        return ok;
    }

    /// <summary>Data collection dates may be a day or a moment.</summary>
    public static bool TryParseDateOrDateTime(string text, out string canonical) =>
        TryParseDate(text, out canonical) || TryParseDateTime(text, out canonical);
}
