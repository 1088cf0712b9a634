using System;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
using ActitoPS.Core.Records;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>Remove-ActitoRecord: deletes the record each business key names; an unknown one is that key's error.</summary>
    public sealed class RemoveRecordOperation : RowOperation
    {
        private readonly CustomTableApi _api;
        private readonly CustomTableResolver _tables;

        public RemoveRecordOperation(ActitoConnection connection, IActitoHost host, Func<object, object?>? unwrap, CancellationToken cancellationToken)
            : base(connection, host, unwrap, cancellationToken, "Remove-ActitoRecord", "records")
        {
            _api = new CustomTableApi(connection);
            _tables = new CustomTableResolver(connection, host);
        }

        public void Delete(string table, object? businessKey, object? input) =>
            ProcessInput(input ?? businessKey, (_, row) =>
            {
                var key = RecordKeys.Text(businessKey);
                if (key.Length == 0) throw new ActitoRecordException(row, "BusinessKey", "the business key is empty.");
                var structure = _tables.Find(table, Cancellation);
                var name = CustomTableResolver.NameOf(table, structure);
                return new RowPlan(async ct =>
                {
                    try
                    {
                        return new RecordWriteResult(row, name, key, "Deleted", await _api.DeleteAsync(name, key, ct).ConfigureAwait(false));
                    }
                    catch (ActitoApiException missing) when (missing.StatusCode == 404)
                    {
                        throw RecordKeys.NotFound(missing, structure, name, key);
                    }
                }, $"record {(structure?.BusinessKeyField ?? "key")}={key} of custom table '{name}'", "Delete");
            });

        protected override string? Advice(ActitoApiException failure) =>
            failure.StatusCode == 404 ? "Check the business key (Get-ActitoRecord finds records by a field's value)." : base.Advice(failure);
    }
}
