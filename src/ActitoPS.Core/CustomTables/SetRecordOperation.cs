using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>
    /// Set-ActitoRecord: each row creates or updates the record its business key names (POST allowUpdate=true),
    /// only creates (-CreateOnly), or, given a business key, updates only the fields it gives (PUT).
    /// </summary>
    public sealed class SetRecordOperation : RowOperation
    {
        private readonly string? _defaultTable;
        private readonly CustomTableApi _api;
        private readonly CustomTableResolver _tables;

        /// <param name="table">The table of rows that name none (null: every row names its own).</param>
        public SetRecordOperation(ActitoConnection connection, string? table, IActitoHost host, Func<object, object?>? unwrap, CancellationToken cancellationToken)
            : base(connection, host, unwrap, cancellationToken, "Set-ActitoRecord" + (string.IsNullOrWhiteSpace(table) ? string.Empty : ": " + table!.Trim()), "records")
        {
            _defaultTable = string.IsNullOrWhiteSpace(table) ? null : table!.Trim();
            _api = new CustomTableApi(connection);
            _tables = new CustomTableResolver(connection, host);
        }

        /// <summary>-CreateOnly: an existing business key is the row's error (409), never an update.</summary>
        public bool CreateOnly { get; set; }

        public IReadOnlyList<string>? Property { get; set; }

        public IReadOnlyList<string>? ExcludeProperty { get; set; }

        public void Process(object? input) => Process(input, null, null);

        /// <param name="table">The row's table (-CustomTable bound by property name); null: the operation's.</param>
        /// <param name="businessKey">Set: update only the fields the row gives, of that record (PUT).</param>
        public void Process(object? input, string? table, string? businessKey) =>
            ProcessInput(input, (row, number) => Plan(row, number, table ?? _defaultTable, string.IsNullOrWhiteSpace(businessKey) ? null : businessKey!.Trim()));

        protected override string VolumeWarning =>
            $"More than {VolumeWarningRows} rows: Actito allows about 100 calls a minute, one a row. For volume, Start-ActitoEtl -CustomTable loads a whole file in one mass import.";

        protected override string? Advice(ActitoApiException failure)
        {
            if (failure.MayHaveBeenApplied) return "Look the record up (Get-ActitoRecord) before sending this row again: it may already have been written.";
            if (failure.StatusCode == 409) return "A record with this business key exists already: drop -CreateOnly to update it.";
            return null;
        }

        private RowPlan Plan(object? input, int row, string? tableName, string? businessKey)
        {
            if (tableName == null) throw new ArgumentException("Give -CustomTable, or pipe objects that carry a CustomTable property.");
            var table = _tables.Find(tableName, Cancellation);
            var name = CustomTableResolver.NameOf(tableName, table);

            ActitoRecord record;
            if (RecordConverter.Unwrap(input!, Unwrap) is ReadBackEdit edit && edit.Original is CustomTableRecord read)
            {
                businessKey = businessKey ?? read.BusinessKey;
                record = ColumnFilter.Choose(edit.Changed(), Property, ExcludeProperty);
                if (record.Count == 0)
                    throw new ActitoRecordException(row, null, "nothing was changed on this record since Get-ActitoRecord read it, so there is nothing to send.");
            }
            else
            {
                // A column bound to -BusinessKey or -CustomTable by property name identifies the row; it is not a field.
                record = ColumnFilter.Choose(RecordOf(input, row), Property, ExcludeProperty, (column, value) =>
                    table?.FindField(column) == null &&
                    ((businessKey != null && string.Equals(column, "BusinessKey", StringComparison.OrdinalIgnoreCase)) ||
                     (string.Equals(column, "CustomTable", StringComparison.OrdinalIgnoreCase) &&
                      string.Equals(Convert.ToString(value, CultureInfo.InvariantCulture), tableName, StringComparison.OrdinalIgnoreCase))));
            }

            if (businessKey != null)
            {
                if (CreateOnly) throw new ActitoRecordException(row, "BusinessKey", "-CreateOnly creates records, but this row names an existing one by its business key: drop one or the other.");
                var body = RecordRowCheck.Build(table, record, row, needsKey: false, create: false);
                var key = businessKey;
                return new RowPlan(
                    async ct => new RecordWriteResult(row, name, key, "Updated", await _api.UpdateAsync(name, key, body, ct).ConfigureAwait(false)),
                    $"record {Describe(table, key)} (row {row}) of custom table '{name}'", "Update");
            }

            var created = RecordRowCheck.Build(table, record, row, needsKey: true, create: CreateOnly);
            var allowUpdate = !CreateOnly;
            var sentKey = KeyOf(table, created);
            return new RowPlan(
                async ct =>
                {
                    var response = await _api.UpsertAsync(name, created, allowUpdate, ct).ConfigureAwait(false);
                    var answered = (response as JObject)?["businessKey"] is JValue plain && plain.Value != null ? Convert.ToString(plain.Value, CultureInfo.InvariantCulture) : null;
                    return new RecordWriteResult(row, name, answered ?? sentKey, allowUpdate ? "Created or updated" : "Created", response);
                },
                $"record {Describe(table, sentKey)} (row {row}) of custom table '{name}'", allowUpdate ? "Create or update" : "Create");
        }

        private static string? KeyOf(CustomTable? table, JObject body)
        {
            var key = table?.BusinessKeyField;
            var property = (body["properties"] as JArray ?? new JArray()).OfType<JObject>()
                .FirstOrDefault(p => key != null && string.Equals((string?)p["name"], key, StringComparison.OrdinalIgnoreCase));
            return property?["value"] is JValue value ? Convert.ToString(value.Value, CultureInfo.InvariantCulture) : null;
        }

        private static string Describe(CustomTable? table, string? key) => table?.BusinessKeyField != null ? $"{table.BusinessKeyField}={key}" : key ?? "(no key)";
    }
}
