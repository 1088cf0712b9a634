using System;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>A file an execution left: ERROR (the lines that failed, with why) or RESULT (what each loaded line became).</summary>
    public sealed class EtlOutputFile
    {
        public EtlOutputFile(long executionId, string name, string kind, long? lines, long? sizeBytes, string relativePath)
        {
            ExecutionId = executionId;
            Name = name;
            Kind = kind;
            Lines = lines;
            SizeBytes = sizeBytes;
            RelativePath = relativePath;
        }

        public long ExecutionId { get; }

        public string Name { get; }

        /// <summary>ERROR or RESULT.</summary>
        public string Kind { get; }

        /// <summary>Rows after the header.</summary>
        public long? Lines { get; }

        public long? SizeBytes { get; }

        internal string RelativePath { get; }

        public bool IsErrorFile => string.Equals(Kind, "ERROR", StringComparison.OrdinalIgnoreCase);

        /// <summary>Reads one entry of the output-files answer; its download path is taken relative to the base URI.</summary>
        internal static EtlOutputFile? Parse(long executionId, JObject file, string filesPath)
        {
            var name = (string?)file["name"];
            if (string.IsNullOrWhiteSpace(name)) return null;
            var download = (string?)file["downloadPath"] ?? (string?)file["href"];
            var relative = string.IsNullOrWhiteSpace(download) ? filesPath + Uri.EscapeDataString(name) : download!.TrimStart('/');
            return new EtlOutputFile(executionId, name!, ((string?)file["kind"] ?? (string?)file["type"] ?? "UNKNOWN").ToUpperInvariant(),
                (long?)file["lines"], (long?)file["sizeBytes"], relative);
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Name, Kind);
    }
}
