using System;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>
    /// Get-ActitoRecord by business key and Remove-ActitoRecord: one call per key, an unknown key that
    /// key's ActitoNotFound error naming it.
    /// </summary>
    public sealed class RecordKeyOperation : RowOperation
    {
        private readonly CustomTableApi _api;
        private readonly CustomTableResolver _tables;

        /// <param name="activity">The cmdlet's name, for progress.</param>
        public RecordKeyOperation(ActitoConnection connection, IActitoHost host, Func<object, object?>? unwrap, CancellationToken cancellationToken, string activity)
            : base(connection, host, unwrap, cancellationToken, activity, "records")
        {
            _api = new CustomTableApi(connection);
            _tables = new CustomTableResolver(connection, host);
        }

        public void Read(string table, object? businessKey, object? input) =>
            Plan(table, businessKey, input, (name, structure, key, row) => new RowPlan(async ct =>
                RecordReader.Read(name, structure, await _api.GetAsync(name, key, ct).ConfigureAwait(false) as JObject ?? new JObject())));

        public void Delete(string table, object? businessKey, object? input) =>
            Plan(table, businessKey, input, (name, structure, key, row) => new RowPlan(
                async ct => new RecordWriteResult(row, name, key, "Deleted", await _api.DeleteAsync(name, key, ct).ConfigureAwait(false)),
                $"record {(structure?.BusinessKeyField ?? "key")}={key} of custom table '{name}'", "Delete"));

        protected override string? Advice(ActitoApiException failure) =>
            failure.StatusCode == 404 ? "Check the business key (Get-ActitoRecord -SearchField finds records by a field's value)." : base.Advice(failure);

        private void Plan(string table, object? businessKey, object? input, Func<string, CustomTable?, string, int, RowPlan> plan) =>
            ProcessInput(input ?? businessKey, (_, row) =>
            {
                var key = ValueFormatter.KeyText(businessKey);
                if (key.Length == 0) throw new ActitoRecordException(row, "BusinessKey", "the business key is empty.");
                var structure = _tables.Find(table, Cancellation);
                var name = CustomTableResolver.NameOf(table, structure);
                var planned = plan(name, structure, key, row);
                return new RowPlan(async ct =>
                {
                    try
                    {
                        return await planned.Run(ct).ConfigureAwait(false);
                    }
                    catch (ActitoApiException missing) when (missing.StatusCode == 404)
                    {
                        throw missing.Restated($"No record with {(structure?.BusinessKeyField ?? "business key")} {key} in custom table '{name}'.");
                    }
                }, planned.Target, planned.Action);
            });
    }
}
