using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Text;
using CsvHelper;

namespace ActitoPS.Core.MassImports
{
    /// <summary>A line of an execution's error file: where it was in the file, which input row it came from, why it failed, its values.</summary>
    public sealed class EtlErrorRow
    {
        public EtlErrorRow(long executionId, long line, long row, string errorCode, string message, OrderedDictionary values, string? file = null)
        {
            File = file;
            ExecutionId = executionId;
            Line = line;
            Row = row;
            ErrorCode = errorCode;
            Message = message;
            Values = values;
        }

        public long ExecutionId { get; }

        /// <summary>The error file the line comes from (a multi-file execution has one a file).</summary>
        public string? File { get; }

        /// <summary>The line in the file sent (the header is line 1).</summary>
        public long Line { get; }

        /// <summary>The input row (pipeline object or data line of the -Path file, from 1), across the parts of one input.</summary>
        public long Row { get; }

        public string ErrorCode { get; }

        public string Message { get; }

        /// <summary>The line's values under the file's headers, in the file's order: fix them and send them again.</summary>
        public OrderedDictionary Values { get; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "row {0}: {1} {2}", Row, ErrorCode, Message);

        /// <summary>
        /// Reads an error file: its first three columns are fixed (line number, code, message) and read by position,
        /// since the file's own headers may share their names; the rest are the line's values.
        /// </summary>
        /// <param name="firstRow">The input row of the sent file's first data line (a later part starts further on).</param>
        public static IEnumerable<EtlErrorRow> Read(string path, long executionId, long firstRow, string? file = null)
        {
            var config = EtlFileWriter.Csv(',');
            // A short line (Actito's format is not public) reads as empty values rather than ending the read.
            config.MissingFieldFound = null;
            using (var text = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
            using (var csv = new CsvReader(text, config))
            {
                if (!csv.Read()) yield break;
                csv.ReadHeader();
                var header = csv.HeaderRecord ?? Array.Empty<string>();
                while (csv.Read())
                {
                    var line = long.TryParse(csv.GetField(0), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;
                    var values = new OrderedDictionary(StringComparer.Ordinal);
                    for (var i = 3; i < header.Length; i++)
                    {
                        // A header twice in an error file would be Actito's bug; keep both rather than lose one.
                        var name = values.Contains(header[i]) ? header[i] + "#" + i.ToString(CultureInfo.InvariantCulture) : header[i];
                        values[name] = csv.GetField(i) ?? string.Empty;
                    }
                    yield return new EtlErrorRow(executionId, number, number > 1 ? firstRow + number - 2 : 0, csv.GetField(1) ?? string.Empty, csv.GetField(2) ?? string.Empty, values, file);
                }
            }
        }
    }
}
