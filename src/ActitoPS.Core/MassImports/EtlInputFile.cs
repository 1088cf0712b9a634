using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using CsvHelper;
using CsvHelper.Configuration;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// A delivered file (CSV, CSV.gz, or a ZIP of one CSV) read through once before it is sent: a byte order mark,
    /// a line that is not CSV or has the wrong number of values, and every check of <see cref="EtlCheck"/> are
    /// problems found here rather than by a failed execution that spent a daily import.
    /// </summary>
    internal static class EtlInputFile
    {
        public sealed class Reading
        {
            public Reading(IReadOnlyList<string> header, long rows, bool compressed)
            {
                Header = header;
                Rows = rows;
                Compressed = compressed;
            }

            public IReadOnlyList<string> Header { get; }

            /// <summary>Data lines (records after the header).</summary>
            public long Rows { get; }

            /// <summary>Already a GZIP or ZIP: sent as it is.</summary>
            public bool Compressed { get; }
        }

        /// <param name="onRow">Called every 1,000 lines with the count so far (progress).</param>
        public static Reading Check(string path, char separator, EtlCheck check, Action<long>? onRow, CancellationToken cancellationToken)
        {
            if (!File.Exists(path)) throw new ArgumentException($"There is no file at {path}.");
            var packing = EtlFileReader.PackingOf(path);
            var compressed = packing != EtlCompression.None;

            try
            {
                using (var probe = EtlFileReader.OpenCsv(path))
                {
                    var start = new byte[3];
                    var got = 0;
                    int n;
                    while (got < 3 && (n = probe.Read(start, got, 3 - got)) > 0) got += n;
                    if (got == 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF)
                        check.ReportFile("the file starts with a UTF-8 byte order mark (EF BB BF), which Actito refuses: save it as UTF-8 without BOM.");
                    if (got == 0)
                    {
                        check.ReportFile("the file is empty: Actito needs a header line and at least one row.");
                        return new Reading(Array.Empty<string>(), 0, compressed);
                    }
                }
                return Read(path, separator, check, onRow, packing, cancellationToken);
            }
            catch (InvalidDataException unreadable)
            {
                check.ReportFile($"the file cannot be read: {unreadable.Message}");
                return new Reading(Array.Empty<string>(), 0, compressed);
            }
        }

        private static Reading Read(string path, char separator, EtlCheck check, Action<long>? onRow, EtlCompression packing, CancellationToken cancellationToken)
        {
            var compressed = packing != EtlCompression.None;
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = separator.ToString(),
                HasHeaderRecord = true,
                DetectColumnCountChanges = false,
                // Actito reads a blank line as a record of one empty value: a wrong column count, not nothing.
                IgnoreBlankLines = false,
                MissingFieldFound = null,
                HeaderValidated = null,
                BadDataFound = found => check.Report(string.Empty, found.Context.Parser?.Row ?? 0, "the line is not valid CSV (a quote inside a value that does not start with one, or text after a closing quote)."),
            };
            using (var stream = new ReadCounter(EtlFileReader.OpenCsv(path)))
            using (var text = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false))
            using (var csv = new CsvReader(text, config))
            {
                string[] header;
                try
                {
                    if (!csv.Read())
                    {
                        check.ReportFile("the file has no header line.");
                        return new Reading(Array.Empty<string>(), 0, compressed);
                    }
                    csv.ReadHeader();
                    header = csv.HeaderRecord ?? Array.Empty<string>();
                }
                catch (DecoderFallbackException)
                {
                    check.ReportFile("the file is not UTF-8 text: save it as UTF-8 (without BOM).");
                    return new Reading(Array.Empty<string>(), 0, compressed);
                }
                // The check names a byte order mark once; the first header should not be reported as unknown for it.
                if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF') header[0] = header[0].Substring(1);
                check.MapHeader(header);

                long rows = 0;
                var cells = new List<KeyValuePair<string, string>>(header.Length);
                try
                {
                    while (csv.Read())
                    {
                        rows++;
                        if ((rows & 0x3FF) == 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            onRow?.Invoke(rows);
                        }
                        var line = csv.Parser.Row;
                        var count = csv.Parser.Count;
                        if (count != header.Length)
                            check.Report(string.Empty, line, $"{count.ToString(CultureInfo.InvariantCulture)} values where the header has {header.Length.ToString(CultureInfo.InvariantCulture)} (is a value with the separator not enclosed in quotes?).");
                        cells.Clear();
                        for (var i = 0; i < Math.Min(count, header.Length); i++)
                        {
                            var value = csv.Parser[i];
                            if (value.IndexOf('\0') >= 0) check.Report(header[i], line, "a NUL character, which Actito refuses in a file.");
                            cells.Add(new KeyValuePair<string, string>(header[i], value));
                        }
                        check.CheckRow(cells, line);
                    }
                }
                catch (DecoderFallbackException)
                {
                    // The text reader decodes ahead of the parser: the bytes are on this line or a later one.
                    check.ReportFile($"the file holds bytes that are not UTF-8, at or after line {csv.Parser.Row.ToString(CultureInfo.InvariantCulture)}: save it as UTF-8 (without BOM).");
                }
                if (rows == 0) check.ReportFile("the file has a header but no row.");
                // .NET's gzip reader ends quietly where a file was cut short: its trailer says how long the text is.
                if (packing == EtlCompression.Gzip && !GzipLengthMatches(path, stream.BytesRead))
                    check.ReportFile("the gzip file is cut short (its end does not match what it holds): copy or download it again.");
                return new Reading(header, rows, compressed);
            }
        }

        /// <summary>The gzip trailer's ISIZE (the text's length modulo 2^32) against the bytes actually inflated.</summary>
        private static bool GzipLengthMatches(string path, long inflated)
        {
            using (var raw = File.OpenRead(path))
            {
                if (raw.Length < 18) return false;
                raw.Seek(-4, SeekOrigin.End);
                var size = new byte[4];
                if (raw.Read(size, 0, 4) != 4) return false;
                var declared = (uint)(size[0] | size[1] << 8 | size[2] << 16 | size[3] << 24);
                return declared == (uint)(inflated & 0xFFFFFFFF);
            }
        }

        /// <summary>Counts the bytes read through it.</summary>
        private sealed class ReadCounter : Stream
        {
            private readonly Stream _inner;

            public ReadCounter(Stream inner) => _inner = inner;

            public long BytesRead { get; private set; }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var n = _inner.Read(buffer, offset, count);
                BytesRead += n;
                return n;
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }

        /// <summary>A plain CSV packed for sending (gzip or a ZIP of one entry) into the spool.</summary>
        public static string Pack(string path, EtlCompression compression, string spoolDirectory, string baseName)
        {
            Directory.CreateDirectory(spoolDirectory);
            var stamp = EtlFileReader.SpoolStamp();
            var name = Path.GetFileNameWithoutExtension(path);
            var packed = Path.Combine(spoolDirectory, $"{baseName}-{stamp}" + (compression == EtlCompression.Zip ? ".zip" : ".csv.gz"));
            using (var source = File.OpenRead(path))
            using (var target = new FileStream(packed, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                if (compression == EtlCompression.Zip)
                {
                    using (var zip = new ZipArchive(target, ZipArchiveMode.Create))
                    using (var entry = zip.CreateEntry(name + ".csv", CompressionLevel.Optimal).Open())
                        source.CopyTo(entry, 1 << 16);
                }
                else
                {
                    using (var gzip = new GZipStream(target, CompressionLevel.Optimal))
                        source.CopyTo(gzip, 1 << 16);
                }
            }
            return packed;
        }
    }
}
