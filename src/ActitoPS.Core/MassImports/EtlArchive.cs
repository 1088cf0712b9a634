using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace ActitoPS.Core.MassImports
{
    /// <summary>The ZIP a multi-file TRIGGERED ETL takes: one entry a file, named as the definition's fileNamePattern wants it.</summary>
    internal static class EtlArchive
    {
        /// <param name="entries">Entry name → the file (CSV, or a CSV.gz or ZIP of one, unpacked into the entry).</param>
        public static string Zip(IReadOnlyList<KeyValuePair<string, string>> entries, string directory, string baseName)
        {
            Directory.CreateDirectory(directory);
            var stamp = EtlFileReader.SpoolStamp();
            var path = Path.Combine(directory, $"{baseName}-{stamp}.zip");
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                foreach (var entry in entries)
                {
                    using (var source = EtlFileReader.OpenCsv(entry.Value))
                    using (var target = zip.CreateEntry(entry.Key, CompressionLevel.Optimal).Open())
                        source.CopyTo(target, 1 << 16);
                }
            }
            return path;
        }
    }
}
