using System.Text;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// An output file: UTF-8 without a byte order mark, RFC 4180 (comma, CRLF, a value enclosed in double quotes
/// when it holds a comma, a double quote, CR or LF, with its double quotes doubled).
/// </summary>
internal sealed class CsvOutputWriter
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly StringBuilder _text = new();

    /// <summary>Rows written after the header.</summary>
    public int Lines { get; private set; } = -1;

    public void WriteRow(IEnumerable<string> values)
    {
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                _text.Append(',');
            }

            first = false;
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                _text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                _text.Append(value);
            }
        }

        _text.Append("\r\n");
        Lines++;
    }

    public byte[] ToBytes() => Utf8NoBom.GetBytes(_text.ToString());
}
