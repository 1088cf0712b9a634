using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>How an import loads its rows (Actito's modes; CREATE_UPDATE is the legacy name of CREATE_OR_UPDATE).</summary>
    public enum EtlMode
    {
        CreateOrUpdate,
        CreateOnly,
        UpdateOnly,
        Delete,
    }

    /// <summary>Where an import goes.</summary>
    public enum EtlDestinationType
    {
        ProfileTable,
        CustomTable,
    }

    /// <summary>
    /// The definition Actito's one-shot execution takes beside its file (the multipart part "oneshotEtl"), in
    /// the shape of the feeding guide's step 4: csvFormat, a destination with its attributes mapping, the mode,
    /// error and result files, report recipients.
    /// </summary>
    public sealed class OneShotEtlDefinition
    {
        /// <summary>Actito's recency fields: loaded only when a profile is created (the guide's "Data initialization").</summary>
        public static readonly IReadOnlyList<string> RecencyFields = new[]
        {
            "lastMailOpeningMoment", "lastMailClickMoment", "lastMailTargetingMoment", "lastMailActivityStatus", "lastDevice", "lastUserAgent",
            "blacklistMoment", "mobileTargetingRecency", "mobileDeliveryRecency", "goalReachedRecency", "participationRecency",
        };

        public OneShotEtlDefinition(EtlDestinationType destinationType, string destinationId, IReadOnlyList<KeyValuePair<string, string>> mapping)
        {
            if (string.IsNullOrWhiteSpace(destinationId)) throw new ArgumentException("The destination table's id is empty.", nameof(destinationId));
            if (mapping == null || mapping.Count == 0) throw new ArgumentException("An import maps at least one column.", nameof(mapping));
            DestinationType = destinationType;
            DestinationId = destinationId;
            Mapping = mapping;
        }

        public EtlDestinationType DestinationType { get; }

        /// <summary>The table's id as the structure gives it (a profile table's "1", a custom table's uuid).</summary>
        public string DestinationId { get; }

        /// <summary>File header → the field's technical name, in the file's column order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Mapping { get; }

        public EtlMode Mode { get; set; } = EtlMode.CreateOrUpdate;

        public char Separator { get; set; } = ',';

        public bool GenerateErrorFiles { get; set; } = true;

        public bool GenerateResultFiles { get; set; }

        public IReadOnlyList<string> ReportRecipients { get; set; } = Array.Empty<string>();

        /// <summary>Headers whose empty cells change nothing (Actito's ignoreEmptyValues) rather than clear the field.</summary>
        public ISet<string> IgnoreEmptyValues { get; set; } = new HashSet<string>(StringComparer.Ordinal);

        public static string WireName(EtlMode mode)
        {
            switch (mode)
            {
                case EtlMode.CreateOnly: return "CREATE_ONLY";
                case EtlMode.UpdateOnly: return "UPDATE_ONLY";
                case EtlMode.Delete: return "DELETE";
                default: return "CREATE_OR_UPDATE";
            }
        }

        public JObject ToJson()
        {
            var definition = new JObject
            {
                ["type"] = "ONESHOT",
                ["inputFileProperties"] = new JObject
                {
                    ["csvFormat"] = new JObject { ["encoding"] = "UTF-8", ["separator"] = Separator.ToString(), ["enclosing"] = "\"" },
                },
                ["dataLoading"] = new JObject
                {
                    ["destination"] = new JObject
                    {
                        ["type"] = DestinationType == EtlDestinationType.CustomTable ? "CUSTOM_TABLE" : "PROFILE_TABLE",
                        ["id"] = DestinationId,
                        ["attributesMapping"] = new JArray(Mapping.Select(m => IgnoreEmptyValues.Contains(m.Key)
                            ? new JObject { ["header"] = m.Key, ["attributeName"] = m.Value, ["ignoreEmptyValues"] = true }
                            : new JObject { ["header"] = m.Key, ["attributeName"] = m.Value })),
                    },
                    ["parameters"] = new JObject
                    {
                        ["mode"] = WireName(Mode),
                        ["generateErrorFiles"] = GenerateErrorFiles,
                        ["generateResultFiles"] = GenerateResultFiles,
                    },
                },
            };
            if (ReportRecipients.Count > 0) definition["reportRecipients"] = new JArray(ReportRecipients);
            return definition;
        }
    }
}
