using System.Globalization;
using System.Text;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// A TRIGGERED ETL file's fileNamePattern: text, with date placeholders rendered against the emulator's clock
/// (its UTC date) when an execution is triggered. The feeding guide shows <c>$YYYYMMDD</c>; the emulator also
/// renders <c>$YYYY</c>, <c>$MM</c> and <c>$DD</c>. No wildcards: a rendered pattern names one file exactly.
/// </summary>
internal sealed class FileNamePattern
{
    /// <summary>Longest first, so that $YYYYMMDD is not read as $YYYY followed by "MMDD".</summary>
    private static readonly (string Token, string Format)[] Placeholders =
    [
        ("$YYYYMMDD", "yyyyMMdd"),
        ("$YYYY", "yyyy"),
        ("$MM", "MM"),
        ("$DD", "dd"),
    ];

    private readonly List<(string? Literal, string? Format)> _parts;

    private FileNamePattern(string text, List<(string?, string?)> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    public static string PlaceholderNames => string.Join(", ", Placeholders.Select(p => p.Token));

    /// <returns>Null with a reason when the pattern cannot name a file.</returns>
    public static FileNamePattern? TryParse(string text, out string? problem)
    {
        if (text.Length == 0)
        {
            problem = "it is empty";
            return null;
        }

        if (text.IndexOfAny(['/', '\\']) >= 0)
        {
            problem = "a file name pattern names a file, not a folder ('/' or '\\')";
            return null;
        }

        if (text.IndexOfAny(['*', '?']) >= 0)
        {
            problem = $"wildcards (* and ?) are not emulated: the placeholders are {PlaceholderNames}";
            return null;
        }

        var parts = new List<(string?, string?)>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length;)
        {
            if (text[i] != '$')
            {
                literal.Append(text[i++]);
                continue;
            }

            var placeholder = Placeholders.FirstOrDefault(p => string.CompareOrdinal(text, i, p.Token, 0, p.Token.Length) == 0);
            if (placeholder.Token is null)
            {
                var end = i + 1;
                while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                {
                    end++;
                }

                problem = $"'{text[i..end]}' is not a placeholder the emulator renders ({PlaceholderNames}; they are case-sensitive)";
                return null;
            }

            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), null));
                literal.Clear();
            }

            parts.Add((null, placeholder.Format));
            i += placeholder.Token.Length;
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), null));
        }

        problem = null;
        return new FileNamePattern(text, parts);
    }

    /// <summary>The file name this pattern expects on that moment's UTC date.</summary>
    public string Render(DateTimeOffset moment)
    {
        var day = moment.UtcDateTime;
        return string.Concat(_parts.Select(p => p.Literal ?? day.ToString(p.Format, CultureInfo.InvariantCulture)));
    }

    public override string ToString() => Text;
}
