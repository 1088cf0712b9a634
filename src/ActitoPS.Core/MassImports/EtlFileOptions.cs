using System;
using System.IO;

namespace ActitoPS.Core.MassImports
{
    public enum EtlCompression
    {
        Gzip,
        Zip,
        None,
    }

    /// <summary>How a bulk-load file is written: Actito's CSV rules are fixed; these are the choices a caller has.</summary>
    public sealed class EtlFileOptions
    {
        /// <summary>Actito refuses a file over 100 MB; a part that would pass this rolls into the next one.</summary>
        public const long ActitoMaxFileBytes = 100L * 1024 * 1024;

        public char Separator { get; set; } = ',';

        public EtlCompression Compression { get; set; } = EtlCompression.Gzip;

        /// <summary>Where the spool files go; they stay until Actito has accepted them.</summary>
        public string SpoolDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "ActitoPS", "spool");

        /// <summary>The start of each part's file name (the table's name, say); a timestamp and the part number follow.</summary>
        public string BaseName { get; set; } = "actito-import";

        /// <summary>Compressed bytes a part may reach before the next row goes into a new part.</summary>
        public long MaxPartBytes { get; set; } = ActitoMaxFileBytes - 1024 * 1024;

        internal void Validate()
        {
            if (Separator == '"' || Separator == '\r' || Separator == '\n') throw new ArgumentException("The separator cannot be a quote or a line break.");
            if (MaxPartBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxPartBytes), MaxPartBytes, "A part must be allowed at least one byte.");
            if (string.IsNullOrWhiteSpace(BaseName) || BaseName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                throw new ArgumentException($"'{BaseName}' cannot start a file name.");
        }
    }

    /// <summary>One file written for Actito: its path, the header it starts with, and how many rows and bytes it holds.</summary>
    public sealed class EtlFile
    {
        public EtlFile(string path, int part, System.Collections.Generic.IReadOnlyList<string> header, long rows, long bytes)
        {
            Path = path;
            Part = part;
            Header = header;
            Rows = rows;
            Bytes = bytes;
        }

        public string Path { get; }

        /// <summary>1 for the first part.</summary>
        public int Part { get; }

        public System.Collections.Generic.IReadOnlyList<string> Header { get; }

        public long Rows { get; }

        /// <summary>The file's size on disk, compressed when it is.</summary>
        public long Bytes { get; }

        public override string ToString() => Path;
    }
}
