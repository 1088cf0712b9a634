using System;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>Get-ActitoRecord by business key: one record per key; an unknown one is that key's error.</summary>
    public sealed class GetRecordOperation : RowOperation
    {
        private readonly CustomTableApi _api;
        private readonly CustomTableResolver _tables;

        public GetRecordOperation(ActitoConnection connection, IActitoHost host, Func<object, object?>? unwrap, CancellationToken cancellationToken)
            : base(connection, host, unwrap, cancellationToken, "Get-ActitoRecord", "records")
        {
            _api = new CustomTableApi(connection);
            _tables = new CustomTableResolver(connection, host);
        }

        public void ByKey(string table, object? businessKey, object? input) =>
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
                        return RecordReader.Read(name, structure, await _api.GetAsync(name, key, ct).ConfigureAwait(false) as JObject ?? new JObject());
                    }
                    catch (ActitoApiException missing) when (missing.StatusCode == 404)
                    {
                        throw RecordKeys.NotFound(missing, structure, name, key);
                    }
                });
            });
    }

    /// <summary>Get-ActitoRecord's query: records whose indexed field equals a value, at most 200 a call.</summary>
    public static class RecordQuery
    {
        /// <exception cref="ArgumentException">A field the table does not have (the command stops before any call).</exception>
        public static void Run(ActitoConnection connection, string table, string searchField, object? searchValue, string? sortField, bool descending, int? first,
            IActitoHost host, CancellationToken cancellationToken)
        {
            connection.EnsureOpen();
            var traces = new TraceQueue();
            using (connection.Trace.Subscribe(traces.Listener))
            {
                try
                {
                    var structure = new CustomTableResolver(connection, host).Find(table, cancellationToken);
                    var name = CustomTableResolver.NameOf(table, structure);
                    var field = FieldName(structure, searchField, "-SearchField");
                    var sort = sortField == null ? null : FieldName(structure, sortField, "-SortField");
                    var number = first ?? CustomTableApi.MaxRecordsPerQuery;
                    if (number < 1 || number > CustomTableApi.MaxRecordsPerQuery)
                        throw new ArgumentException($"-First must be between 1 and {CustomTableApi.MaxRecordsPerQuery}: Actito answers at most {CustomTableApi.MaxRecordsPerQuery} records a call.");

                    var answer = System.Threading.Tasks.Task.Run(() => new CustomTableApi(connection).QueryAsync(name, field, RecordKeys.Text(searchValue), sort, !descending, number, cancellationToken), cancellationToken)
                        .GetAwaiter().GetResult();
                    traces.FlushTo(host);
                    var records = CustomTableApi.Records(answer);
                    foreach (var record in records) host.WriteObject(RecordReader.Read(name, structure, record));
                    if (records.Count >= CustomTableApi.MaxRecordsPerQuery && !first.HasValue)
                    {
                        host.WriteWarning($"Actito answered {records.Count} records, the most it gives in one call, so more may match {field}={RecordKeys.Text(searchValue)}. " +
                                          "Sort the other way (-Descending, or -SortField) to see the other end, or search on a narrower field; -First sets the number and silences this warning.");
                    }
                }
                finally
                {
                    traces.FlushTo(host);
                }
            }
        }

        private static string FieldName(CustomTable? structure, string given, string parameter)
        {
            if (structure == null) return given;
            return structure.FindField(given)?.FieldName
                ?? throw new ArgumentException($"{parameter}: custom table '{structure.TechnicalName}' has no field '{given}'. Its fields: {string.Join(", ", System.Linq.Enumerable.Select(structure.Fields, f => f.FieldName))}.");
        }
    }

    internal static class RecordKeys
    {
        public static string Text(object? value) => value switch
        {
            null => string.Empty,
            DateTime date => ValueFormatter.FormatDate(date),
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? string.Empty,
        };

        public static ActitoApiException NotFound(ActitoApiException missing, CustomTable? structure, string table, string key) =>
            new ActitoApiException($"No record with {(structure?.BusinessKeyField ?? "business key")} {key} in custom table '{table}'.", 404, missing.Method, missing.Path,
                missing.ActitoMessage, missing.ResponseBody, missing.Field, innerException: missing, attempts: missing.Attempts, earlierAttemptUncertain: missing.EarlierAttemptUncertain);
    }
}
