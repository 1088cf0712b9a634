using System;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Records;

namespace ActitoPS.Core.CustomTables
{
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

                    var answer = System.Threading.Tasks.Task.Run(() => new CustomTableApi(connection).QueryAsync(name, field, ValueFormatter.KeyText(searchValue), sort, !descending, number, cancellationToken), cancellationToken)
                        .GetAwaiter().GetResult();
                    traces.FlushTo(host);
                    var records = CustomTableApi.Records(answer);
                    foreach (var record in records) host.WriteObject(RecordReader.Read(name, structure, record));
                    if (records.Count >= CustomTableApi.MaxRecordsPerQuery && !first.HasValue)
                    {
                        host.WriteWarning($"Actito answered {records.Count} records, the most it gives in one call, so more may match {field}={ValueFormatter.KeyText(searchValue)}. " +
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
}
