using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// A TRIGGERED ETL as the feeding guide defines it: files (fileCode, fileNamePattern), their CSV formats, and the
    /// loadings that take each file into a profile or custom table. Kept as Actito's JSON, so that parts the module
    /// does not model (transformations, file transfer) go through untouched; read tolerantly.
    /// </summary>
    public sealed class EtlDefinition
    {
        /// <summary>The file code a definition made from parameters gives its one file.</summary>
        public const string SingleFileCode = "data";

        private EtlDefinition(JObject json) => Json = json;

        public JObject Json { get; }

        public string? Id => Text(Json["id"]);

        public string? Name => (string?)Json["name"];

        public string? Description => (string?)Json["description"];

        public string Type => (string?)Json["type"] ?? "TRIGGERED";

        public IReadOnlyList<EtlDefinitionFile> Files =>
            ((Json["fileTransfer"]?["input"]?["files"] as JArray)?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
            .Select(f => new EtlDefinitionFile((string?)f["fileCode"] ?? string.Empty, (string?)f["fileNamePattern"], SeparatorOf((string?)f["fileCode"])))
            .ToList();

        public IReadOnlyList<EtlLoading> Loadings =>
            ((Json["dataLoadings"] as JArray)?.OfType<JObject>() ?? Enumerable.Empty<JObject>()).Select(EtlLoading.Parse).ToList();

        /// <summary>The tables it loads: their names when the structure gave them, else the ids its loadings name them by.</summary>
        public IReadOnlyList<string> Tables => TableNames ?? Loadings.Select(l => l.DestinationId).Distinct(StringComparer.Ordinal).ToList();

        internal IReadOnlyList<string>? TableNames { get; set; }

        public override string ToString() => Name ?? Id ?? "(TRIGGERED ETL)";

        /// <param name="source">Where the text came from, for the message when it is not JSON.</param>
        public static EtlDefinition FromText(string json, string source)
        {
            try
            {
                return Parse(JsonText.Parse(json));
            }
            catch (Newtonsoft.Json.JsonException bad)
            {
                throw new ArgumentException($"{source} is not a JSON ETL definition: {bad.Message}", bad);
            }
        }

        /// <summary>A definition given as nested dictionaries and lists (a PowerShell hashtable of the JSON's shape).</summary>
        public static EtlDefinition FromObject(object plain) => Parse(JToken.FromObject(plain));

        public static EtlDefinition Parse(JToken json)
        {
            if (!(json is JObject body)) throw new ArgumentException("An ETL definition is a JSON object.");
            return new EtlDefinition((JObject)body.DeepClone());
        }

        /// <summary>The common single-table case: one file, one loading, every column mapped (or as <paramref name="mapping"/> says).</summary>
        public static EtlDefinition FromParameters(string name, string? description, EtlTarget target, EtlMode mode, IReadOnlyList<KeyValuePair<string, string>> mapping,
            char separator, string? fileNamePattern, IReadOnlyList<string> reportRecipients, bool resultFiles)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An ETL needs a name.");
            if (mapping.Count == 0) throw new ArgumentException("An ETL maps at least one column.");
            var definition = new JObject
            {
                ["type"] = "TRIGGERED",
                ["name"] = name,
                ["triggering"] = new JObject { ["type"] = "API", ["paused"] = false },
                ["fileTransfer"] = new JObject
                {
                    ["input"] = new JObject
                    {
                        ["files"] = new JArray(new JObject { ["fileCode"] = SingleFileCode, ["fileNamePattern"] = fileNamePattern ?? SafeFileName(name) + ".csv" }),
                    },
                },
                ["inputFilesProperties"] = new JArray(new JObject
                {
                    ["fileCode"] = SingleFileCode,
                    ["csvFormat"] = new JObject { ["encoding"] = "UTF-8", ["separator"] = separator.ToString(), ["enclosing"] = "\"" },
                }),
                ["dataLoadings"] = new JArray(new JObject
                {
                    ["fileCode"] = SingleFileCode,
                    ["destination"] = new JObject
                    {
                        ["type"] = target.Type == EtlDestinationType.CustomTable ? "CUSTOM_TABLE" : "PROFILE_TABLE",
                        ["id"] = target.Id,
                        ["attributesMapping"] = new JArray(mapping.Select(m => new JObject { ["header"] = m.Key, ["attributeName"] = m.Value })),
                    },
                    ["parameters"] = new JObject
                    {
                        ["mode"] = OneShotEtlDefinition.WireName(mode),
                        ["generateResultFiles"] = resultFiles,
                        ["generateErrorFiles"] = true,
                    },
                }),
            };
            if (!string.IsNullOrWhiteSpace(description)) definition["description"] = description;
            if (reportRecipients.Count > 0) definition["reportRecipients"] = new JArray(reportRecipients);
            return new EtlDefinition(definition);
        }

        /// <summary>The definition with the id Actito gave it.</summary>
        internal EtlDefinition WithId(string id)
        {
            var json = (JObject)Json.DeepClone();
            json["id"] = id;
            return new EtlDefinition(json);
        }

        private char SeparatorOf(string? fileCode)
        {
            var format = ((Json["inputFilesProperties"] as JArray)?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
                .FirstOrDefault(p => string.Equals((string?)p["fileCode"], fileCode, StringComparison.Ordinal))?["csvFormat"]
                ?? Json["inputFileProperties"]?["csvFormat"];
            var separator = (string?)format?["separator"];
            return string.IsNullOrEmpty(separator) ? ',' : separator![0];
        }

        private static string? Text(JToken? token) => token == null || token.Type == JTokenType.Null ? null
            : token.Type == JTokenType.Integer ? ((long)token).ToString(CultureInfo.InvariantCulture) : token.ToString();

        private static string SafeFileName(string name) =>
            new string(name.Select(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' ? c : '_').ToArray());
    }

    /// <summary>A file of a TRIGGERED ETL: its code (how loadings and -File name it), the pattern its name in the archive matches, its separator.</summary>
    public sealed class EtlDefinitionFile
    {
        public EtlDefinitionFile(string fileCode, string? fileNamePattern, char separator)
        {
            FileCode = fileCode;
            FileNamePattern = fileNamePattern;
            Separator = separator;
        }

        public string FileCode { get; }

        public string? FileNamePattern { get; }

        public char Separator { get; }

        public override string ToString() => FileCode;
    }

    /// <summary>One loading of a TRIGGERED ETL: a file into a table, by mode, with its attributes mapping (header → attribute).</summary>
    public sealed class EtlLoading
    {
        public EtlLoading(string fileCode, EtlDestinationType destinationType, string destinationId, IReadOnlyList<KeyValuePair<string, string>> mapping, EtlMode mode)
        {
            FileCode = fileCode;
            DestinationType = destinationType;
            DestinationId = destinationId;
            Mapping = mapping;
            Mode = mode;
        }

        public string FileCode { get; }

        public EtlDestinationType DestinationType { get; }

        public string DestinationId { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Mapping { get; }

        public EtlMode Mode { get; }

        internal static EtlLoading Parse(JObject loading)
        {
            var destination = loading["destination"] as JObject ?? new JObject();
            var type = string.Equals((string?)destination["type"], "CUSTOM_TABLE", StringComparison.OrdinalIgnoreCase) ? EtlDestinationType.CustomTable : EtlDestinationType.ProfileTable;
            var mapping = ((destination["attributesMapping"] as JArray)?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
                .Select(m => new KeyValuePair<string, string>((string?)m["header"] ?? string.Empty, (string?)m["attributeName"] ?? string.Empty))
                .Where(m => m.Key.Length > 0)
                .ToList();
            return new EtlLoading((string?)loading["fileCode"] ?? EtlDefinition.SingleFileCode, type, destination["id"]?.ToString() ?? string.Empty, mapping,
                ModeOf((string?)loading["parameters"]?["mode"]));
        }

        internal static EtlMode ModeOf(string? wire)
        {
            switch ((wire ?? string.Empty).ToUpperInvariant())
            {
                case "CREATE_ONLY": return EtlMode.CreateOnly;
                case "UPDATE_ONLY": return EtlMode.UpdateOnly;
                case "DELETE": return EtlMode.Delete;
                default: return EtlMode.CreateOrUpdate;
            }
        }
    }

    /// <summary>A fileNamePattern's placeholders rendered for a day: $YYYYMMDD as the guide shows, and its parts.</summary>
    public static class EtlFileNamePattern
    {
        public static string Render(string pattern, DateTimeOffset moment)
        {
            var day = moment.UtcDateTime;
            return pattern
                .Replace("$YYYYMMDD", day.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
                .Replace("$YYYY", day.ToString("yyyy", CultureInfo.InvariantCulture))
                .Replace("$MM", day.ToString("MM", CultureInfo.InvariantCulture))
                .Replace("$DD", day.ToString("dd", CultureInfo.InvariantCulture));
        }
    }
}
