using System.Globalization;
using System.Text;

namespace ActitoPS.Module.Tests.Infrastructure;

/// <summary>
/// Reads the PowerShell data file subset a module manifest uses: one hashtable literal of
/// single-quoted or plain double-quoted strings, @() and comma arrays, nested hashtables, integers,
/// $true/$false/$null, and comments. Anything else is a <see cref="FormatException"/> naming the line,
/// so a construct it does not understand fails a test rather than reading as a missing value.
/// </summary>
internal sealed class Psd1Reader
{
    private readonly string _text;
    private int _pos;

    private Psd1Reader(string text)
    {
        _text = text;
    }

    public static Psd1Table Parse(string text)
    {
        var reader = new Psd1Reader(text);
        reader.SkipTrivia(newlines: true);
        var table = reader.ReadHashtable();
        reader.SkipTrivia(newlines: true);
        if (!reader.AtEnd)
        {
            throw reader.Error("text after the closing '}' of the manifest's hashtable");
        }

        return table;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private bool LookingAt(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    private Psd1Table ReadHashtable()
    {
        Expect("@{");
        var table = new Psd1Table();
        while (true)
        {
            var separated = SkipSeparators();
            if (AtEnd)
            {
                throw Error("a hashtable that is never closed with '}'");
            }

            if (Current == '}')
            {
                _pos++;
                return table;
            }

            if (table.Count > 0 && !separated)
            {
                throw Error("two hashtable entries on one line without ';' between them");
            }

            var keyLine = Line;
            var key = ReadKey();
            SkipTrivia(newlines: false);
            Expect("=");
            SkipTrivia(newlines: true);
            var value = ReadValue();
            if (!table.TryAdd(key, value))
            {
                throw new FormatException($"Line {keyLine}: the key '{key}' appears twice (PowerShell refuses such a manifest).");
            }
        }
    }

    /// <summary>Skips whitespace, comments, newlines and ';'; says whether a newline or ';' was among them.</summary>
    private bool SkipSeparators()
    {
        var separated = false;
        while (true)
        {
            var before = _pos;
            SkipTrivia(newlines: false);
            if (!AtEnd && (Current == '\n' || Current == '\r' || Current == ';'))
            {
                separated = true;
                _pos++;
                continue;
            }

            if (_pos == before)
            {
                return separated;
            }
        }
    }

    private string ReadKey()
    {
        if (Current == '\'' || Current == '"')
        {
            return ReadString();
        }

        var start = _pos;
        while (!AtEnd && (char.IsLetterOrDigit(Current) || Current == '_'))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Error($"a hashtable key, found '{Current}'");
        }

        return _text[start.._pos];
    }

    private object? ReadValue()
    {
        var first = ReadSingleValue();
        SkipTrivia(newlines: false);
        if (AtEnd || Current != ',')
        {
            return first;
        }

        // 'a', 'b' without @(): PowerShell builds an array from the comma list.
        var items = new List<object?> { first };
        while (!AtEnd && Current == ',')
        {
            _pos++;
            SkipTrivia(newlines: true);
            items.Add(ReadSingleValue());
            SkipTrivia(newlines: false);
        }

        return items;
    }

    private object? ReadSingleValue()
    {
        if (AtEnd)
        {
            throw Error("a value");
        }

        if (LookingAt("@{"))
        {
            return ReadHashtable();
        }

        if (LookingAt("@("))
        {
            return ReadArray();
        }

        if (LookingAt("@'") || LookingAt("@\""))
        {
            throw Error("no here-string (not supported by this reader)");
        }

        if (Current == '\'' || Current == '"')
        {
            return ReadString();
        }

        if (Current == '$')
        {
            foreach (var (name, value) in new (string, object?)[] { ("$true", true), ("$false", false), ("$null", null) })
            {
                if (string.Compare(_text, _pos, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
                    (_pos + name.Length >= _text.Length || !char.IsLetterOrDigit(_text[_pos + name.Length])))
                {
                    _pos += name.Length;
                    return value;
                }
            }

            throw Error("$true, $false or $null (variables are not allowed in a data file)");
        }

        if (char.IsDigit(Current) || Current == '-')
        {
            var start = _pos;
            _pos++;
            while (!AtEnd && char.IsDigit(Current))
            {
                _pos++;
            }

            if (long.TryParse(_text[start.._pos], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) &&
                (AtEnd || !char.IsLetterOrDigit(Current) && Current != '.'))
            {
                return number;
            }

            _pos = start;
            throw Error("a value this reader understands (only whole numbers are supported)");
        }

        throw Error($"a value, found '{Current}'");
    }

    private List<object?> ReadArray()
    {
        Expect("@(");
        var items = new List<object?>();
        while (true)
        {
            SkipTrivia(newlines: true);
            if (AtEnd)
            {
                throw Error("an array that is never closed with ')'");
            }

            if (Current == ')')
            {
                _pos++;
                return items;
            }

            if (Current == ',' || Current == ';')
            {
                if (items.Count == 0)
                {
                    throw Error("an array item before the first ','");
                }

                _pos++;
                continue;
            }

            items.Add(ReadSingleValue());
        }
    }

    private string ReadString()
    {
        var quote = Current;
        var startLine = Line;
        _pos++;
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw new FormatException($"Line {startLine}: a string that is never closed.");
            }

            var c = Current;
            _pos++;
            if (c == quote)
            {
                if (!AtEnd && Current == quote)
                {
                    text.Append(quote);
                    _pos++;
                    continue;
                }

                return text.ToString();
            }

            if (quote == '"' && (c == '$' || c == '`'))
            {
                throw new FormatException($"Line {startLine}: a double-quoted string with '{c}' (expansion or escapes are not supported here; use single quotes).");
            }

            text.Append(c);
        }
    }

    private void SkipTrivia(bool newlines)
    {
        while (!AtEnd)
        {
            var c = Current;
            if (c == '\n' || c == '\r')
            {
                if (!newlines)
                {
                    return;
                }

                _pos++;
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (LookingAt("<#"))
            {
                var end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("the end of a <# block comment #>");
                }

                _pos = end + 2;
            }
            else if (c == '#')
            {
                while (!AtEnd && Current != '\n' && Current != '\r')
                {
                    _pos++;
                }
            }
            else if (c == '`' && _pos + 1 < _text.Length && (_text[_pos + 1] == '\n' || _text[_pos + 1] == '\r'))
            {
                // A backtick at the end of a line continues it.
                _pos += 2;
            }
            else
            {
                return;
            }
        }
    }

    private void Expect(string token)
    {
        if (!LookingAt(token))
        {
            throw Error($"'{token}'");
        }

        _pos += token.Length;
    }

    private int Line => 1 + _text.AsSpan(0, Math.Min(_pos, _text.Length)).Count('\n');

    private FormatException Error(string expected)
    {
        var shown = AtEnd ? "the end of the file" : $"'{_text.Substring(_pos, Math.Min(20, _text.Length - _pos)).Split('\n')[0]}'";
        return new FormatException($"Line {Line}: expected {expected}, at {shown}.");
    }
}

/// <summary>A hashtable read from a data file: keys are case-insensitive, as in PowerShell.</summary>
internal sealed class Psd1Table : Dictionary<string, object?>
{
    public Psd1Table()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    /// <exception cref="KeyNotFoundException">The key is absent: the message names it.</exception>
    public object? Get(string key) =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The manifest has no '{key}' key.");

    public string GetString(string key) =>
        Get(key) as string ?? throw new InvalidCastException($"The manifest's '{key}' is not a string.");

    /// <summary>A single string or an array of strings, as PowerShell accepts either for a list key.</summary>
    public IReadOnlyList<string> GetStrings(string key) => Get(key) switch
    {
        string one => [one],
        List<object?> many when many.All(i => i is string) => many.Cast<string>().ToList(),
        _ => throw new InvalidCastException($"The manifest's '{key}' is not a string or an array of strings."),
    };

    public Psd1Table GetTable(string key) =>
        Get(key) as Psd1Table ?? throw new InvalidCastException($"The manifest's '{key}' is not a hashtable.");
}
