using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using ActitoPS.Core.Records;
using CsvHelper;
using CsvHelper.Configuration;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// Streams rows into Actito's import file: UTF-8 without a byte order mark, RFC 4180 quoting, one header row,
    /// culture-invariant values, gzip (or zip) on the way to a spool file on disk, so memory stays flat whatever
    /// the row count. The header is the union of every row's columns, in the order they first appear: while rows
    /// bring no new column they go straight into the file; once one does, the rows go to a side file and the parts
    /// are written again at the end with the full header. A part that would pass Actito's size limit rolls into
    /// the next, each with the header.
    /// </summary>
    public sealed class EtlFileWriter : IDisposable
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>
        /// How far past <see cref="EtlFileOptions.MaxPartBytes"/> a part may go: what the text writer and the
        /// compressor still hold when the part rolls. The default limit keeps 1 MB below Actito's for it.
        /// </summary>
        public const int MaxBufferedBytes = 512 * 1024;

        private const int TextBufferChars = 32 * 1024;

        private readonly EtlFileOptions _options;
        private readonly string _stamp;
        private readonly List<string> _header = new List<string>();
        private readonly HashSet<string> _known = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<EtlFile> _parts = new List<EtlFile>();
        private Part? _part;
        private StreamWriter? _pending;
        private string? _pendingPath;
        private long _rows;
        private bool _completed;

        public EtlFileWriter(EtlFileOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            Directory.CreateDirectory(options.SpoolDirectory);
            _stamp = EtlFileReader.SpoolStamp();
        }

        /// <summary>The columns seen so far, in the order they first appeared.</summary>
        public IReadOnlyList<string> Header => _header;

        public long Rows => _rows;

        /// <summary>Compressed bytes on disk so far, across the parts (for progress).</summary>
        public long BytesWritten => _parts.Sum(p => p.Bytes) + (_part?.CompressedBytes ?? 0);

        /// <summary>The files this writer has made so far (the spool: they stay until deleted).</summary>
        public IEnumerable<string> SpoolFiles => _parts.Select(p => p.Path).Concat(_part == null ? Enumerable.Empty<string>() : new[] { _part.Path });

        /// <exception cref="ActitoRecordException">A value has no CSV form; nothing of the row is written.</exception>
        public void Add(ActitoRecord record, int rowNumber) => Add(Cells(record, rowNumber));

        /// <summary>A row's cells as the file writes them (column → culture-invariant text), in the row's order.</summary>
        /// <exception cref="ActitoRecordException">A value has no CSV form.</exception>
        public static List<KeyValuePair<string, string>> Cells(ActitoRecord record, int rowNumber)
        {
            var cells = new List<KeyValuePair<string, string>>(record.Count);
            foreach (var field in record)
            {
                try
                {
                    cells.Add(new KeyValuePair<string, string>(field.Key, EtlValueText.Of(field.Value)));
                }
                catch (FormatException problem)
                {
                    throw new ActitoRecordException(rowNumber, field.Key, problem.Message, problem);
                }
            }
            return cells;
        }

        /// <summary>Adds a row already made into cells (<see cref="Cells"/>).</summary>
        public void Add(List<KeyValuePair<string, string>> cells)
        {
            if (_completed) throw new InvalidOperationException("The file is complete.");
            var newColumn = false;
            foreach (var cell in cells)
            {
                if (_known.Add(cell.Key))
                {
                    _header.Add(cell.Key);
                    newColumn = _rows > 0 || newColumn;
                }
            }

            if (_pending == null && newColumn) StartPending();
            if (_pending != null)
            {
                // A side file of one JSON object a line: the full header is only known at the end.
                var line = new JObject();
                foreach (var cell in cells) line[cell.Key] = cell.Value;
                _pending.WriteLine(line.ToString(Formatting.None));
            }
            else if (_part != null && InHeaderOrder(cells, _part.Header))
            {
                if (_part.CompressedBytes >= _options.MaxPartBytes) ClosePart();
                if (_part == null) Write(cells.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
                else _part.WriteRow(cells);
            }
            else
            {
                Write(cells.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
            }
            _rows++;
        }

        /// <summary>Closes the file (rewriting it with the full header when a later row brought a new column) and returns its parts.</summary>
        public IReadOnlyList<EtlFile> Complete()
        {
            if (_completed) return _parts;
            _completed = true;
            if (_pending == null)
            {
                ClosePart();
                if (_parts.Count == 0) throw new InvalidOperationException("No row to write: an import file needs at least one row.");
                return _parts;
            }

            // The fast parts were written with the first header: read them back and write every row again with the union.
            _pending.Dispose();
            _pending = null;
            ClosePart();
            // Moved aside first: the rewritten parts take the same names.
            var early = _parts.Select(p => { File.Move(p.Path, p.Path + ".early"); return p.Path + ".early"; }).ToList();
            _parts.Clear();
            foreach (var path in early)
            {
                foreach (var row in ReadBack(path)) Write(row);
                File.Delete(path);
            }
            foreach (var line in File.ReadLines(_pendingPath!, Utf8))
            {
                var row = JObject.Parse(line).Properties().ToDictionary(p => p.Name, p => (string?)p.Value ?? string.Empty, StringComparer.Ordinal);
                Write(row);
            }
            File.Delete(_pendingPath!);
            ClosePart();
            return _parts;
        }

        /// <summary>Deletes every file this writer made: after Actito accepted them, or when nothing is to be sent.</summary>
        public void DeleteSpool()
        {
            Dispose();
            foreach (var path in SpoolFiles.Concat(_pendingPath == null ? Enumerable.Empty<string>() : new[] { _pendingPath }).ToList())
            {
                if (File.Exists(path)) File.Delete(path);
            }
        }

        public void Dispose()
        {
            _pending?.Dispose();
            _pending = null;
            if (_part != null)
            {
                _part.Dispose();
                _parts.Add(_part.Describe());
                _part = null;
            }
        }

        private static bool InHeaderOrder(List<KeyValuePair<string, string>> cells, IReadOnlyList<string> header)
        {
            if (cells.Count != header.Count) return false;
            for (var i = 0; i < cells.Count; i++)
            {
                if (!string.Equals(cells[i].Key, header[i], StringComparison.Ordinal)) return false;
            }
            return true;
        }

        private void StartPending()
        {
            _pendingPath = Path.Combine(_options.SpoolDirectory, $"{_options.BaseName}-{_stamp}.pending.jsonl");
            _pending = new StreamWriter(new FileStream(_pendingPath, FileMode.CreateNew, FileAccess.Write, FileShare.None), Utf8);
        }

        private void Write(IReadOnlyDictionary<string, string> row)
        {
            if (_part != null && _part.CompressedBytes >= _options.MaxPartBytes) ClosePart();
            if (_part == null) _part = new Part(NextPath(), _parts.Count + 1, _header.ToList(), _options);
            _part.WriteRow(row);
        }

        private void ClosePart()
        {
            if (_part == null) return;
            _part.Dispose();
            _parts.Add(_part.Describe());
            _part = null;
        }

        private string NextPath()
        {
            var extension = _options.Compression == EtlCompression.Gzip ? ".csv.gz" : _options.Compression == EtlCompression.Zip ? ".zip" : ".csv";
            return Path.Combine(_options.SpoolDirectory, $"{_options.BaseName}-{_stamp}-part{(_parts.Count + 1).ToString(CultureInfo.InvariantCulture)}{extension}");
        }

        private IEnumerable<IReadOnlyDictionary<string, string>> ReadBack(string path)
        {
            using (var stream = EtlFileReader.OpenCsv(path))
            using (var reader = new StreamReader(stream, Utf8))
            using (var csv = new CsvReader(reader, Csv(_options.Separator)))
            {
                csv.Read();
                csv.ReadHeader();
                var header = csv.HeaderRecord ?? Array.Empty<string>();
                while (csv.Read())
                {
                    var row = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (var i = 0; i < header.Length; i++) row[header[i]] = csv.GetField(i) ?? string.Empty;
                    yield return row;
                }
            }
        }

        internal static CsvConfiguration Csv(char separator) => new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = separator.ToString(),
            NewLine = "\r\n",
            HasHeaderRecord = true,
            // With NewLine set, CsvHelper quotes only a field holding the whole CRLF; a lone CR or LF must be enclosed too (RFC 4180).
            ShouldQuote = args => NeedsQuotes(args.Field, separator),
        };

        private static bool NeedsQuotes(string? field, char separator)
        {
            if (string.IsNullOrEmpty(field)) return false;
            if (char.IsWhiteSpace(field![0]) || char.IsWhiteSpace(field[field.Length - 1])) return true;
            foreach (var c in field)
            {
                if (c == separator || c == '"' || c == '\r' || c == '\n') return true;
            }
            return false;
        }

        /// <summary>One spool file being written: CSV text → (gzip | zip entry) → counted bytes → disk.</summary>
        private sealed class Part : IDisposable
        {
            private readonly FileStream _file;
            private readonly CountingStream _counted;
            private readonly ZipArchive? _zip;
            private readonly Stream _compressed;
            private readonly StreamWriter _text;
            private readonly CsvWriter _csv;
            private long _rows;

            public Part(string path, int number, IReadOnlyList<string> header, EtlFileOptions options)
            {
                Path = path;
                Number = number;
                Header = header;
                _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
                _counted = new CountingStream(_file);
                switch (options.Compression)
                {
                    case EtlCompression.Gzip:
                        // Compressed on another thread: formatting and gzip each take about as long, and run side by side.
                        _compressed = new ParallelCompression(new GZipStream(_counted, CompressionLevel.Optimal, leaveOpen: true));
                        break;
                    case EtlCompression.Zip:
                        // Actito's one-shot import takes a ZIP of exactly one CSV.
                        _zip = new ZipArchive(_file, ZipArchiveMode.Create, leaveOpen: true);
                        _compressed = _zip.CreateEntry(System.IO.Path.GetFileNameWithoutExtension(path) + ".csv", CompressionLevel.Optimal).Open();
                        break;
                    default:
                        _compressed = new NonClosing(_counted);
                        break;
                }
                _text = new StreamWriter(_compressed, Utf8, TextBufferChars);
                _csv = new CsvWriter(_text, Csv(options.Separator));
                foreach (var column in header) _csv.WriteField(column);
                _csv.NextRecord();
            }

            public string Path { get; }

            public int Number { get; }

            public IReadOnlyList<string> Header { get; }

            /// <summary>What reached the disk so far: a part rolls on it, so it lags by what the compressor still holds.</summary>
            public long CompressedBytes => _zip != null ? _file.Position : _counted.Written;

            /// <summary>A row whose cells are the header's columns in order.</summary>
            public void WriteRow(List<KeyValuePair<string, string>> cells)
            {
                foreach (var cell in cells) _csv.WriteField(cell.Value);
                _csv.NextRecord();
                _rows++;
            }

            public void WriteRow(IReadOnlyDictionary<string, string> row)
            {
                foreach (var column in Header) _csv.WriteField(row.TryGetValue(column, out var value) ? value : string.Empty);
                _csv.NextRecord();
                _rows++;
            }

            public EtlFile Describe() => new EtlFile(Path, Number, Header, _rows, new FileInfo(Path).Length);

            public void Dispose()
            {
                _csv.Dispose();
                _text.Dispose();
                _compressed.Dispose();
                _zip?.Dispose();
                _file.Dispose();
            }
        }

        /// <summary>Lets the text writer close without closing the file, which the part closes itself.</summary>
        private sealed class NonClosing : Stream
        {
            private readonly Stream _inner;

            public NonClosing(Stream inner) => _inner = inner;

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => _inner.Length;

            public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

            public override void Flush() => _inner.Flush();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
        }
    }
}
