using System.Globalization;
using System.Text;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// RFC 4180, with the definition's separator and enclosing character: a value holding the separator, the
/// enclosing character, CR or LF is enclosed, and an enclosing character inside it is doubled. Records end
/// with CRLF, LF or CR; a line break at the very end of the file ends the last record and starts none.
/// Strict where a lenient reader would guess (and so load something else than the sender meant): an
/// enclosing character inside an unenclosed value, text after a closing one, or an enclosed value that
/// never closes make the file invalid.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, char separator, char enclosing)
{
    private const int End = -1;

    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _value = new();
    private int _length;
    private int _position;

    /// <summary>The last record read, counted from 1 for the header; a record spanning several lines counts once.</summary>
    public int RecordNumber { get; private set; }

    /// <returns>The next record's values, or null at the end of the file.</returns>
    /// <exception cref="EtlFileException">INVALID_FILE: the text is not a CSV.</exception>
    /// <exception cref="DecoderFallbackException">The bytes are not in the declared encoding.</exception>
    public string[]? Read()
    {
        var c = Next();
        if (c == End)
        {
            return null;
        }

        RecordNumber++;
        var values = new List<string>();
        while (true)
        {
            c = c == enclosing ? ReadEnclosed() : ReadPlain(c);
            values.Add(_value.ToString());
            _value.Clear();
            if (c == separator)
            {
                c = Next();
                continue;
            }

            // The record ends here: CR, LF, CRLF or the end of the file.
            if (c == '\r' && Peek() == '\n')
            {
                Next();
            }

            return values.ToArray();
        }
    }

    /// <returns>The character that ended the value: the separator, CR, LF or <see cref="End"/>.</returns>
    private int ReadPlain(int c)
    {
        while (c != separator && c != '\r' && c != '\n' && c != End)
        {
            if (c == enclosing)
            {
                throw Invalid($"holds the enclosing character {enclosing} inside a value that does not start with it (such a value must be enclosed, and the character doubled)");
            }

            Append(c);
            c = Next();
        }

        return c;
    }

    /// <returns>The character after the closing enclosing character.</returns>
    private int ReadEnclosed()
    {
        while (true)
        {
            var c = Next();
            if (c == End)
            {
                throw Invalid("opens an enclosed value that is never closed");
            }

            if (c == enclosing)
            {
                if (Peek() != enclosing)
                {
                    break;
                }

                Next();
            }

            Append(c);
        }

        var after = Next();
        return after == separator || after is '\r' or '\n' or End
            ? after
            : throw Invalid($"has text after the closing {enclosing} of a value (an enclosing character inside a value must be doubled)");
    }

    private void Append(int c)
    {
        if (c == '\0')
        {
            throw Invalid("holds a NUL character: the file is binary, not a CSV file");
        }

        _value.Append((char)c);
    }

    private int Next()
    {
        var c = Peek();
        if (c != End)
        {
            _position++;
        }

        return c;
    }

    private int Peek()
    {
        if (_position == _length)
        {
            _length = reader.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            if (_length == 0)
            {
                return End;
            }
        }

        return _buffer[_position];
    }

    private EtlFileException Invalid(string what) =>
        new(EtlFailureCodes.InvalidFile, string.Create(CultureInfo.InvariantCulture, $"Line {RecordNumber} of the file {what}."));
}
