using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// Set-ActitoProfile: each row is created or updated on its unique keys (POST allowUpdate=true), only
    /// created (-CreateOnly), or, given a profile id, partially updated (PUT: only what it names changes).
    /// Rows are checked against the table's structure before any call.
    /// </summary>
    public sealed class SetProfileOperation : RowOperation
    {
        private readonly string? _defaultTable;
        private readonly DataCollectionInfo? _dataCollection;
        private readonly IProfileApi _api;
        private readonly ProfileTableResolver _tables;

        /// <param name="table">The table of rows that name none (null: every row names its own).</param>
        /// <param name="unwrap">Opens PowerShell's wrappers (see <see cref="RecordConverter.ToRecord"/>).</param>
        public SetProfileOperation(ActitoConnection connection, string? table, DataCollectionInfo? dataCollection, IActitoHost host,
            Func<object, object?>? unwrap, CancellationToken cancellationToken)
            : base(connection, host, unwrap, cancellationToken, "Set-ActitoProfile" + (string.IsNullOrWhiteSpace(table) ? string.Empty : ": " + table!.Trim()), "profiles")
        {
            _defaultTable = string.IsNullOrWhiteSpace(table) ? null : table!.Trim();
            _dataCollection = dataCollection;
            _api = ProfileApis.For(connection);
            _tables = new ProfileTableResolver(connection, host);
        }

        /// <summary>-CreateOnly: an existing match is the row's error (409), never an update.</summary>
        public bool CreateOnly { get; set; }

        /// <summary>-Subscription: name → yes/no, for every row.</summary>
        public IDictionary<string, object?>? Subscriptions { get; set; }

        /// <summary>-Segmentation: name → category the profile belongs to, for every row.</summary>
        public IDictionary<string, object?>? Segmentations { get; set; }

        /// <summary>-Property: only these columns are sent (wildcards * and ?).</summary>
        public IReadOnlyList<string>? Property { get; set; }

        /// <summary>-ExcludeProperty: these columns are not sent (wildcards * and ?).</summary>
        public IReadOnlyList<string>? ExcludeProperty { get; set; }

        public void Process(object? input) => Process(input, null, null);

        /// <param name="table">The row's table (-Table bound by property name); null: the operation's.</param>
        /// <param name="profileId">Set: a partial update of that profile (PUT).</param>
        public void Process(object? input, string? table, long? profileId) =>
            ProcessInput(input, (row, number) => Plan(row, number, table ?? _defaultTable, profileId));

        protected override string VolumeWarning =>
            $"More than {VolumeWarningRows} rows: Actito allows about 100 calls a minute, one a row. For volume, Start-ActitoEtl loads a whole file in one mass import.";

        protected override string? Advice(ActitoApiException failure)
        {
            if (failure.MayHaveBeenApplied) return "Look the profile up in Actito before sending this row again: it may already have been written.";
            if (failure.StatusCode == 409)
                return CreateOnly
                    ? "A profile with these unique keys exists already: drop -CreateOnly to update it."
                    : "The row's unique keys point at different profiles: fix the keys and send the row again.";
            return null;
        }

        private RowPlan Plan(object? input, int row, string? tableName, long? profileId)
        {
            if (tableName == null) throw new ArgumentException("Give -Table, or pipe objects that carry a Table property.");
            var table = _tables.Find(tableName, Cancellation);
            var tableRef = _tables.Ref(tableName, table);

            JObject body;
            if (RecordConverter.Unwrap(input!, Unwrap) is ReadBackEdit edit && edit.Original is ActitoProfile read)
            {
                profileId = profileId ?? read.ProfileId;
                var changed = edit.Changed();
                if (changed.Count == 0 && (Subscriptions?.Count ?? 0) == 0 && (Segmentations?.Count ?? 0) == 0)
                    throw new ActitoRecordException(row, null, "nothing was changed on this profile since Get-ActitoProfile read it, so there is nothing to send.");
                body = Build(changed, row, skipProfileIdColumn: false, table);
            }
            else
            {
                var record = RecordOf(input, row);
                body = Build(record, row, profileId.HasValue, table, tableRef.Name);
            }

            if (profileId.HasValue && CreateOnly)
                throw new ActitoRecordException(row, "ProfileId", "-CreateOnly creates profiles, but this row names an existing one by its ProfileId: drop one or the other.");
            var kind = profileId.HasValue ? ProfileWriteKind.Update : CreateOnly ? ProfileWriteKind.CreateOnly : ProfileWriteKind.Upsert;
            if (table != null) ProfileRowCheck.Check(table, body, row, kind);

            if (kind == ProfileWriteKind.Update)
            {
                var id = profileId!.Value;
                return new RowPlan(
                    async ct => new ProfileUpsertResult(row, tableRef.Name, id, await _api.UpdateAsync(tableRef, id, body, ct).ConfigureAwait(false)),
                    $"profile {id.ToString(CultureInfo.InvariantCulture)} (row {row}) in table '{tableRef.Name}'", "Update");
            }

            // A row with a unique key may go again after an uncertain failure: it matches the same profile (or gets 409).
            var mayRepeat = table != null && HasUniqueKey(table, body);
            var allowUpdate = kind == ProfileWriteKind.Upsert;
            return new RowPlan(
                async ct =>
                {
                    var response = await _api.UpsertAsync(tableRef, body, allowUpdate, mayRepeat, ct).ConfigureAwait(false);
                    return new ProfileUpsertResult(row, tableRef.Name, ProfileReader.ReadProfileId(response), response);
                },
                $"profile {Describe(body)} (row {row}) in table '{tableRef.Name}'", allowUpdate ? "Create or update" : "Create");
        }

        private JObject Build(ActitoRecord record, int row, bool skipProfileIdColumn, ProfileTable? table, string? tableName = null)
        {
            // A column bound to -ProfileId or -Table by property name identifies the row; it is not an attribute.
            // -Subscription and -Segmentation name what every row gets: they replace a row's column for the same one.
            var chosen = ColumnFilter.Choose(record, Property, ExcludeProperty, (name, value) =>
                NamedByParameter(name) ||
                (table?.FindAttribute(name) == null &&
                 ((skipProfileIdColumn && string.Equals(name, "ProfileId", StringComparison.OrdinalIgnoreCase)) ||
                  (tableName != null && string.Equals(name, "Table", StringComparison.OrdinalIgnoreCase) &&
                   string.Equals(Convert.ToString(value, CultureInfo.InvariantCulture), tableName, StringComparison.OrdinalIgnoreCase)))));
            foreach (var subscription in Subscriptions ?? new Dictionary<string, object?>())
                chosen.Add(ProfileRequestBuilder.SubscriptionPrefix + subscription.Key, subscription.Value);
            foreach (var segmentation in Segmentations ?? new Dictionary<string, object?>())
                chosen.Add(ProfileRequestBuilder.SegmentationPrefix + segmentation.Key, segmentation.Value);
            return ProfileRequestBuilder.Build(chosen, row, _dataCollection, Connection.Clock.UtcNow.ToLocalTime().DateTime);
        }

        private bool NamedByParameter(string column) =>
            (column.StartsWith(ProfileRequestBuilder.SubscriptionPrefix, StringComparison.OrdinalIgnoreCase) && Subscriptions != null &&
             Subscriptions.Keys.Any(k => string.Equals(k, column.Substring(ProfileRequestBuilder.SubscriptionPrefix.Length), StringComparison.Ordinal))) ||
            (column.StartsWith(ProfileRequestBuilder.SegmentationPrefix, StringComparison.Ordinal) && Segmentations != null &&
             Segmentations.Keys.Any(k => string.Equals(k, column.Substring(ProfileRequestBuilder.SegmentationPrefix.Length), StringComparison.Ordinal)));

        private static bool HasUniqueKey(ProfileTable table, JObject body) =>
            (body["attributes"] as JArray ?? new JArray()).OfType<JObject>().Any(a =>
                table.UniqueAttributes.Contains((string?)a["name"] ?? string.Empty) &&
                a["value"] is JValue value && value.Type != JTokenType.Null && Convert.ToString(value.Value, CultureInfo.InvariantCulture)?.Length > 0);

        /// <summary>Names a row for -WhatIf and -Confirm by its first two attributes (a CSV's key columns usually come first).</summary>
        private static string Describe(JObject body)
        {
            var shown = (body["attributes"] as JArray ?? new JArray()).OfType<JObject>().Take(2).ToList();
            return shown.Count == 0 ? "without attributes" : string.Join(", ", shown.Select(a => $"{(string?)a["name"]}={a["value"]}"));
        }
    }
}
