using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// Whether a value fits its attribute's valueType and length, by the rules Actito's guide states
    /// (dates yyyy-MM-dd or dd/MM/yyyy, sex M/F, two-letter language and country codes, phone digits,
    /// e-mail form, STRING up to 255 characters unless the structure says otherwise). Checked before a
    /// call, so a row Actito would refuse costs none.
    /// </summary>
    internal static class ProfileValueRules
    {
        private const int DefaultStringLength = 255;
        private static readonly string[] DateFormats = { "yyyy-MM-dd", "dd/MM/yyyy" };
        private static readonly string[] DateTimeFormats = { "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss" };
        private static readonly Regex Email = new Regex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$", RegexOptions.CultureInvariant);
        private static readonly Regex TwoLetters = new Regex("^[A-Za-z]{2}$", RegexOptions.CultureInvariant);
        private static readonly Regex PhoneCharacters = new Regex(@"^\+?[0-9 ()\-]+$", RegexOptions.CultureInvariant);

        /// <summary>The value as Actito should get it (a date-only text for a DATETIME gains midnight), or null when it fits as is.</summary>
        /// <exception cref="FormatException">The value does not fit; the message says what was expected.</exception>
        public static JToken? Normalise(ProfileAttribute attribute, JToken value)
        {
            if (value.Type == JTokenType.Null) return null;
            var text = Convert.ToString((value as JValue)?.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            if (text.Length == 0) return null;
            JToken? replacement = null;
            bool fits;
            switch (attribute.ValueType)
            {
                case "INTEGER":
                    fits = value.Type == JTokenType.Integer ||
                           (value.Type == JTokenType.String && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
                    break;
                case "DATE":
                    fits = IsExact(text, DateFormats);
                    if (!fits && IsExact(text, DateTimeFormats))
                        throw new FormatException($"'{text}' has a time of day, but {attribute.Name} is a DATE: send the date alone (in PowerShell, (Get-Date).Date).");
                    break;
                case "DATETIME":
                    fits = IsExact(text, DateTimeFormats);
                    if (!fits && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        // A [datetime] at midnight leaves the formatter as a date alone; Actito wants the time too.
                        replacement = new JValue(text + " 00:00:00");
                        fits = true;
                    }
                    break;
                case "BOOLEAN":
                    fits = value.Type == JTokenType.Boolean || new[] { "TRUE", "FALSE", "1", "0", "Y", "N" }.Contains(text.ToUpperInvariant());
                    break;
                case "EMAIL":
                    fits = Email.IsMatch(text);
                    break;
                case "SEX":
                    fits = text == "M" || text == "F" || text == "m" || text == "f";
                    break;
                case "LANGUAGE":
                case "COUNTRY":
                    fits = TwoLetters.IsMatch(text);
                    break;
                case "PHONE":
                    var digits = text.Count(c => c >= '0' && c <= '9');
                    fits = PhoneCharacters.IsMatch(text) && digits >= 6 && digits <= 20;
                    break;
                default:
                    // STRING, and any valueType the module does not know: only the length is checked.
                    fits = true;
                    break;
            }
            if (!fits) throw new FormatException($"'{Shorten(text)}' is not a valid {attribute.ValueType} (expected {Expected(attribute.ValueType)}).");

            var maxLength = attribute.MaxLength ?? (attribute.ValueType == "STRING" ? DefaultStringLength : (int?)null);
            if (maxLength.HasValue && text.Length > maxLength.Value)
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "the value is {0} characters long, more than the {1} that {2} allows.", text.Length, maxLength.Value, attribute.Name));
            if (attribute.MinLength.HasValue && text.Length < attribute.MinLength.Value)
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "the value is {0} characters long, less than the {1} that {2} needs.", text.Length, attribute.MinLength.Value, attribute.Name));
            return replacement;
        }

        internal static string Expected(string valueType)
        {
            switch (valueType)
            {
                case "INTEGER": return "a whole number";
                case "DATE": return "yyyy-MM-dd or dd/MM/yyyy";
                case "DATETIME": return "yyyy-MM-dd HH:mm:ss or dd/MM/yyyy HH:mm:ss";
                case "BOOLEAN": return "true, false, 1, 0, Y or N";
                case "EMAIL": return "an address like name@domain.tld";
                case "SEX": return "M or F";
                case "LANGUAGE": return "a two-letter ISO 639-1 code";
                case "COUNTRY": return "a two-letter ISO 3166-1 code";
                case "PHONE": return "6 to 20 digits, in international form such as +32475123456";
                default: return "text";
            }
        }

        private static bool IsExact(string text, string[] formats) =>
            DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 60) + "…";
    }
}
