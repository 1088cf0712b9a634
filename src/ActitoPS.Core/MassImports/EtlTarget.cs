using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ActitoPS.Core.CustomTables;
using ActitoPS.Core.Profiles;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// What an import file is checked against: the destination's fields by technical name, which of them identify a
    /// row, and whether a cell's text fits its field — for a profile table and for a custom table alike.
    /// </summary>
    public abstract class EtlTarget
    {
        public abstract EtlDestinationType Type { get; }

        /// <summary>The id the definition names the table by.</summary>
        public abstract string Id { get; }

        public abstract string Name { get; }

        /// <summary>The technical name a column maps to, or null when the table has no such field.</summary>
        public abstract string? FieldFor(string column);

        /// <summary>The fields of which a row needs one to be matched (profile unique keys; a record's business key).</summary>
        public abstract IReadOnlyList<string> KeyFields { get; }

        /// <summary>Every field a file may load in <paramref name="mode"/> (a definition made from parameters maps them all).</summary>
        public abstract IReadOnlyList<string> AllFields(EtlMode mode);

        /// <summary>Why the cell's text does not fit its field, or null when it does (an empty cell always fits).</summary>
        public abstract string? Problem(string field, string text);

        public static EtlTarget For(ProfileTable table) => new ProfileTarget(table);

        /// <summary>How an import file's subscription cells say yes or no.</summary>
        private static readonly string[] FileFlags = { "true", "false", "1", "0", "Y", "N" };

        /// <summary>
        /// A cell as the file should carry it: a subscription given as yes/no (or any yes/no a row may hold) becomes
        /// true/false, which Actito's files take; any other cell is left as given.
        /// </summary>
        public static string Canonical(string field, string text)
        {
            if (text.Length == 0 || !field.StartsWith(ProfileRequestBuilder.SubscriptionPrefix, StringComparison.Ordinal)) return text;
            var flag = Records.ValueFormatter.ParseYesNo(text);
            return flag.HasValue ? (flag.Value ? "true" : "false") : text;
        }

        public static EtlTarget For(CustomTable table) => new CustomTableTarget(table);

        /// <summary>A table whose structure could not be read: each column goes to the field of its name, and Actito is the only check.</summary>
        public static EtlTarget Unchecked(EtlDestinationType type, string name) => new UncheckedTarget(type, name);

        private sealed class UncheckedTarget : EtlTarget
        {
            public UncheckedTarget(EtlDestinationType type, string name)
            {
                Type = type;
                Name = name;
            }

            public override EtlDestinationType Type { get; }

            public override string Id => Name;

            public override string Name { get; }

            public override IReadOnlyList<string> KeyFields => Array.Empty<string>();

            public override IReadOnlyList<string> AllFields(EtlMode mode) =>
                throw new ArgumentException($"The structure of '{Name}' could not be read, so its fields are not known: give -Mapping.");

            public override string? FieldFor(string column) => column;

            public override string? Problem(string field, string text) => null;
        }

        private sealed class ProfileTarget : EtlTarget
        {
            private readonly ProfileTable _table;

            public ProfileTarget(ProfileTable table) => _table = table;

            public override EtlDestinationType Type => EtlDestinationType.ProfileTable;

            public override string Id => _table.Id ?? _table.Name;

            public override string Name => _table.Name;

            public override IReadOnlyList<string> KeyFields => _table.Attributes.Where(a => a.Unique).Select(a => a.Name).ToList();

            public override IReadOnlyList<string> AllFields(EtlMode mode) =>
                mode == EtlMode.Delete ? KeyFields
                : _table.Attributes.Select(a => a.Name)
                    .Concat(_table.Subscriptions.Select(s => ProfileRequestBuilder.SubscriptionPrefix + s))
                    .Concat(_table.Segmentations.Select(s => ProfileRequestBuilder.SegmentationPrefix + s.Name))
                    .ToList();

            public override string? FieldFor(string column)
            {
                // subscriptions#Name and S_Name, as the guide's files name them; attributes by technical name, in any case.
                if (column.StartsWith(ProfileRequestBuilder.SubscriptionPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    var name = column.Substring(ProfileRequestBuilder.SubscriptionPrefix.Length);
                    var known = _table.Subscriptions.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
                    return known == null && _table.Subscriptions.Count > 0 ? null : ProfileRequestBuilder.SubscriptionPrefix + (known ?? name);
                }
                if (column.StartsWith(ProfileRequestBuilder.SegmentationPrefix, StringComparison.Ordinal) && column.Length > 2 && _table.FindAttributeIgnoringCase(column) == null)
                {
                    var name = column.Substring(ProfileRequestBuilder.SegmentationPrefix.Length);
                    var known = _table.Segmentations.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
                    return known == null && _table.Segmentations.Count > 0 ? null : ProfileRequestBuilder.SegmentationPrefix + (known?.Name ?? name);
                }
                return _table.FindAttribute(column)?.Name ?? _table.FindAttributeIgnoringCase(column)?.Name
                    ?? OneShotEtlDefinition.RecencyFields.FirstOrDefault(r => string.Equals(r, column, StringComparison.OrdinalIgnoreCase));
            }

            public override string? Problem(string field, string text)
            {
                if (text.Length == 0) return null;
                if (field.StartsWith(ProfileRequestBuilder.SubscriptionPrefix, StringComparison.Ordinal))
                    return FileFlags.Contains(text, StringComparer.OrdinalIgnoreCase) ? null
                        : Records.ValueFormatter.ParseYesNo(text).HasValue ? $"'{text}' is not how an import file says yes or no: write true/false, 1/0 or Y/N."
                        : $"'{text}' is not a yes/no value (true/false, 1/0, Y/N).";
                if (field.StartsWith(ProfileRequestBuilder.SegmentationPrefix, StringComparison.Ordinal))
                {
                    var segmentation = _table.FindSegmentation(field.Substring(ProfileRequestBuilder.SegmentationPrefix.Length));
                    return segmentation == null || segmentation.Categories.Count == 0 || segmentation.Categories.Contains(text, StringComparer.Ordinal)
                        ? null
                        : $"segmentation {segmentation.Name} has no category '{text}'.";
                }
                var attribute = _table.FindAttribute(field);
                if (attribute == null) return null; // a recency field: Actito checks it
                try
                {
                    ProfileValueRules.Normalise(attribute, new JValue(text));
                    return null;
                }
                catch (FormatException problem)
                {
                    return problem.Message;
                }
            }
        }

        private sealed class CustomTableTarget : EtlTarget
        {
            private readonly CustomTable _table;

            public CustomTableTarget(CustomTable table) => _table = table;

            public override EtlDestinationType Type => EtlDestinationType.CustomTable;

            public override string Id => _table.Id ?? _table.TechnicalName;

            public override string Name => _table.TechnicalName;

            public override IReadOnlyList<string> KeyFields => _table.BusinessKeyField == null ? Array.Empty<string>() : new[] { _table.BusinessKeyField };

            public override IReadOnlyList<string> AllFields(EtlMode mode) =>
                mode == EtlMode.Delete ? KeyFields : _table.Fields.Where(f => !_table.IsTechnical(f.FieldName)).Select(f => f.FieldName).ToList();

            public override string? FieldFor(string column)
            {
                var field = _table.FindField(column);
                return field == null || _table.IsTechnical(field.FieldName) ? null : field.FieldName;
            }

            public override string? Problem(string field, string text)
            {
                if (text.Length == 0) return null;
                var record = new Records.ActitoRecord();
                record.Add(field, text);
                try
                {
                    RecordRowCheck.Build(_table, record, 1, needsKey: false, create: false);
                    return null;
                }
                catch (Records.ActitoRecordException problem)
                {
                    return problem.Problem;
                }
            }
        }
    }
}
