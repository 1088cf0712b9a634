using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>Opens an import file's CSV text, whatever its packing: plain, gzip, or a ZIP of one CSV.</summary>
    public static class EtlFileReader
    {
        /// <summary>How a file is packed, told by its first bytes (its name says nothing reliable).</summary>
        public static EtlCompression PackingOf(string path)
        {
            using (var file = File.OpenRead(path)) return PackingOf(file);
        }

        public static Stream OpenCsv(string path)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var packing = PackingOf(file);
            if (packing == EtlCompression.Gzip) return new GZipStream(file, CompressionMode.Decompress);
            if (packing == EtlCompression.Zip)
            {
                var zip = new ZipArchive(file, ZipArchiveMode.Read);
                var entries = zip.Entries.Where(e => e.Length > 0 || e.Name.Length > 0).ToList();
                if (entries.Count != 1)
                {
                    zip.Dispose();
                    throw new InvalidDataException($"{path} holds {entries.Count} files; Actito's one-shot import takes a ZIP of exactly one CSV.");
                }
                return new ZipEntryStream(zip, entries[0].Open());
            }
            return file;
        }

        /// <summary>Reads the first bytes and puts the stream back where it was.</summary>
        private static EtlCompression PackingOf(Stream file)
        {
            var magic = new byte[4];
            var read = file.Read(magic, 0, 4);
            file.Position = 0;
            if (read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return EtlCompression.Gzip;
            if (read >= 4 && magic[0] == 0x50 && magic[1] == 0x4b && magic[2] == 0x03 && magic[3] == 0x04) return EtlCompression.Zip;
            return EtlCompression.None;
        }

        /// <summary>A spool file's stamp: when it was made (UTC) and a few random characters, so two runs never share a name.</summary>
        internal static string SpoolStamp() =>
            DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);

        /// <summary>Closes the archive with the entry it was opened for.</summary>
        private sealed class ZipEntryStream : Stream
        {
            private readonly ZipArchive _zip;
            private readonly Stream _entry;

            public ZipEntryStream(ZipArchive zip, Stream entry)
            {
                _zip = zip;
                _entry = entry;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => _entry.Read(buffer, offset, count);

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _entry.Dispose();
                    _zip.Dispose();
                }
                base.Dispose(disposing);
            }
        }
    }
}
