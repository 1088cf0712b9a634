using System.Globalization;
using System.Text;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// One entry of a TRIGGERED ETL's dataTransformations: the feeding guide's DATE_FORMAT, which says in which
/// (Java-style) format a file's column writes its dates. Each value is read in that format and handed to the
/// table as <c>yyyy-MM-dd HH:mm:ss</c> (or <c>yyyy-MM-dd</c> when the format has no time of day).
/// </summary>
/// <param name="Header">The file's column, matched exactly.</param>
/// <param name="Format">The format as the definition wrote it (<c>MM-dd-yyyy HH:mm:ss</c>).</param>
internal sealed class EtlTransformation
{
    public const string DateFormat = "DATE_FORMAT";

    /// <summary>The error of a line whose value is not written in the column's DATE_FORMAT (a line's error, not a global one).</summary>
    public const string InvalidDateFormat = "INVALID_DATE_FORMAT";

    private readonly string _netFormat;
    private readonly bool _hasTime;

    private EtlTransformation(string header, string format, string netFormat, bool hasTime)
    {
        Header = header;
        Format = format;
        _netFormat = netFormat;
        _hasTime = hasTime;
    }

    public string Header { get; }
    public string Format { get; }

    /// <summary>Reads a DATE_FORMAT pattern: the letters y, M, d, H, m, s, S (fractions), other characters as they are, '…' quoting.</summary>
    /// <returns>Null with a reason when the pattern uses what the emulator does not follow.</returns>
    public static EtlTransformation? TryCreateDateFormat(string header, string format, out string? problem)
    {
        var net = new StringBuilder();
        var hasTime = false;
        var hasDate = false;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '\'')
            {
                var close = format.IndexOf('\'', i + 1);
                if (close < 0)
                {
                    problem = "a quote (') is never closed";
                    return null;
                }

                var literal = close == i + 1 ? "'" : format[(i + 1)..close];
                foreach (var l in literal)
                {
                    net.Append('\\').Append(l);
                }

                i = close;
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                net.Append('\\').Append(c);
                continue;
            }

            var run = 1;
            while (i + run < format.Length && format[i + run] == c)
            {
                run++;
            }

            switch (c)
            {
                case 'y' when run is 2 or 4:
                case 'M' when run <= 2:
                case 'd' when run <= 2:
                    hasDate = true;
                    net.Append(c, run);
                    break;
                case 'H' when run <= 2:
                case 'm' when run <= 2:
                case 's' when run <= 2:
                    hasTime = true;
                    net.Append(c, run);
                    break;
                case 'S' when run <= 7:
                    hasTime = true;
                    net.Append('f', run);
                    break;
                default:
                    problem = $"the pattern letters '{new string(c, run)}' are not followed by the emulator (it reads y, M, d, H, m, s and S)";
                    return null;
            }

            i += run - 1;
        }

        if (!hasDate)
        {
            problem = "it has no date (y, M, d)";
            return null;
        }

        problem = null;
        return new EtlTransformation(header, format, net.ToString(), hasTime);
    }

    /// <summary>An empty value stays empty.</summary>
    /// <returns>False when the value is not written in the format.</returns>
    public bool TryApply(string value, out string result)
    {
        if (value.Length == 0)
        {
            result = value;
            return true;
        }

        if (DateTime.TryParseExact(value, _netFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            result = moment.ToString(_hasTime ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return true;
        }

        result = value;
        return false;
    }
}
