using System.IO.Compression;

namespace ActitoPS.Emulator.MassImports;

internal enum EtlCompression
{
    None,
    Gzip,
    Zip,
}

/// <summary>
/// The inputFile part, spooled to a temporary file so that a large import (up to 100 MB compressed, more once
/// inflated) costs the emulator no memory; read twice (checked whole, then loaded). The format is told by the
/// bytes, not the file name (Actito sets no constraint on names or extensions). Deleted when disposed.
/// </summary>
internal sealed class EtlUpload : IDisposable
{
    /// <summary>100 MB, Actito's limit for an import file, as sent (compressed when it is).</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    private static readonly byte[] GzipMagic = [0x1F, 0x8B];
    private static readonly byte[] ZipMagic = [(byte)'P', (byte)'K', 0x03, 0x04];
    private static readonly byte[] EmptyZipMagic = [(byte)'P', (byte)'K', 0x05, 0x06];

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"actito-emulator-etl-{Guid.NewGuid():N}.upload");

    /// <param name="fileName">The part's file name, when it has one.</param>
    public EtlUpload(string? fileName)
    {
        FileName = fileName;
    }

    public string? FileName { get; }

    /// <summary>Bytes received, those past <see cref="MaxBytes"/> included (they are read, not kept).</summary>
    public long Length { get; private set; }

    public bool TooLarge => Length > MaxBytes;

    public EtlCompression Compression { get; private set; }

    /// <summary>Keeps at most <see cref="MaxBytes"/> + 1 bytes and reads the rest, so the client gets its 400 rather than a reset connection.</summary>
    public async Task ReceiveAsync(Stream source, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        await using (var file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var keep = (int)Math.Clamp(MaxBytes + 1 - Length, 0, read);
                if (keep > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, keep), cancellationToken);
                }

                Length += read;
            }
        }

        Compression = DetectCompression();
    }

    /// <summary>The number of files in a ZIP (folders aside).</summary>
    /// <exception cref="InvalidDataException">Not a readable ZIP.</exception>
    public int CountZipFiles()
    {
        using var file = OpenRaw();
        using var zip = new ZipArchive(file, ZipArchiveMode.Read);
        return zip.Entries.Count(e => !IsFolder(e));
    }

    /// <summary>The file entries of a ZIP (folders aside), in archive order: their index in the archive and their name without folders.</summary>
    /// <exception cref="InvalidDataException">Not a readable ZIP.</exception>
    public IReadOnlyList<(int Index, string Name)> ListZipEntries()
    {
        using var file = OpenRaw();
        using var zip = new ZipArchive(file, ZipArchiveMode.Read);
        return zip.Entries.Select((e, i) => (Entry: e, Index: i)).Where(e => !IsFolder(e.Entry)).Select(e => (e.Index, e.Entry.Name)).ToList();
    }

    /// <summary>One entry of a ZIP, inflated.</summary>
    /// <exception cref="InvalidDataException">A ZIP that cannot be read.</exception>
    public Stream OpenZipEntry(int index)
    {
        var file = OpenRaw();
        try
        {
            var zip = new ZipArchive(file, ZipArchiveMode.Read);
            return new OwningStream(zip.Entries[index].Open(), zip);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The first bytes of the CSV itself (after decompression), for the byte order mark check.</summary>
    /// <exception cref="InvalidDataException">A GZIP or ZIP that cannot be read.</exception>
    public byte[] ReadCsvStart(int count) => ReadStart(OpenCsv(), count);

    /// <summary>The first bytes of a stream, which it disposes.</summary>
    public static byte[] ReadStart(Stream stream, int count)
    {
        using var csv = stream;
        var start = new byte[count];
        var total = 0;
        int read;
        while (total < count && (read = csv.Read(start, total, count - total)) > 0)
        {
            total += read;
        }

        return start[..total];
    }

    /// <summary>The CSV's bytes, inflated when the upload is a GZIP or a ZIP of one file.</summary>
    /// <exception cref="InvalidDataException">A GZIP or ZIP that cannot be read.</exception>
    public Stream OpenCsv()
    {
        var file = OpenRaw();
        try
        {
            switch (Compression)
            {
                case EtlCompression.Gzip:
                    return new GZipStream(file, CompressionMode.Decompress);
                case EtlCompression.Zip:
                    var zip = new ZipArchive(file, ZipArchiveMode.Read);
                    var entry = zip.Entries.Single(e => !IsFolder(e));
                    return new OwningStream(entry.Open(), zip);
                default:
                    return file;
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // A reader still has it open (Windows); the temporary folder's own cleaning takes it later.
        }
    }

    private FileStream OpenRaw() => new(_path, FileMode.Open, FileAccess.Read, FileShare.Read);

    private static bool IsFolder(ZipArchiveEntry entry) => entry.FullName.EndsWith('/') && entry.Length == 0;

    private EtlCompression DetectCompression()
    {
        using var file = OpenRaw();
        var start = new byte[4];
        var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var head = start.AsSpan(0, read);
        if (head.StartsWith(GzipMagic))
        {
            return EtlCompression.Gzip;
        }

        return head.StartsWith(ZipMagic) || head.StartsWith(EmptyZipMagic) ? EtlCompression.Zip : EtlCompression.None;
    }

    /// <summary>A ZIP entry's stream, which must close its archive with it.</summary>
    private sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
