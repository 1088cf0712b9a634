using System;
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
    /// Set-ActitoProfile: each piped row is upserted; results come out in input order; a bad row is an
    /// error record whose target is that row and the others go on.
    /// </summary>
    public sealed class SetProfileOperation : IDisposable
    {
        private readonly ActitoConnection _connection;
        private readonly string _table;
        private readonly DataCollectionInfo? _dataCollection;
        private readonly IActitoHost _host;
        private readonly Func<object, object?>? _unwrap;
        private readonly CancellationToken _cancellation;
        private readonly ProfileClient _client;
        private readonly TraceQueue _traces = new TraceQueue();
        private readonly IDisposable _traceSubscription;
        private readonly OrderedWorkQueue<JToken> _queue;
        private readonly ProgressReporter _progress;
        private ProfileTableInfo? _tableInfo;
        private bool _tableChecked;
        private int _rows;
        private int _finished;

        /// <param name="unwrap">Opens PowerShell's wrappers (see <see cref="RecordConverter.ToRecord"/>).</param>
        public SetProfileOperation(ActitoConnection connection, string table, DataCollectionInfo? dataCollection, IActitoHost host,
            Func<object, object?>? unwrap, CancellationToken cancellationToken)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            if (connection.IsDisposed) throw new InvalidOperationException("This connection was closed by Disconnect-Actito: run Connect-Actito again.");
            if (string.IsNullOrWhiteSpace(table)) throw new ArgumentException("The profile table name is empty.", nameof(table));
            _table = table.Trim();
            _dataCollection = dataCollection;
            _host = host ?? throw new ArgumentNullException(nameof(host));
            _unwrap = unwrap;
            _cancellation = cancellationToken;
            _client = new ProfileClient(connection);
            _traceSubscription = connection.Trace.Subscribe(_traces.Listener);
            _queue = new OrderedWorkQueue<JToken>(connection.MaxConcurrentRequests, Pump);
            _progress = new ProgressReporter(host, connection.Clock, 1, $"Set-ActitoProfile: {_table}", "profiles");
        }

        /// <summary>
        /// Set when a row's error ends the command (-ErrorAction Stop): every row then waits for the rows
        /// before it, so nothing after the first failed row is sent.
        /// </summary>
        public bool StopAtFirstError { get; set; }

        public void Process(object? input)
        {
            if (StopAtFirstError) _queue.Drain(true, WriteOutcome, _cancellation);

            // -InputObject (Import-Csv …) binds the whole array as one value; each element is a row, as if piped.
            if (input != null && RecordConverter.IsListOfRows(input, _unwrap))
            {
                foreach (var item in (System.Collections.IEnumerable)RecordConverter.Unwrap(input, _unwrap)!) Process(item);
                return;
            }

            var row = ++_rows;
            JObject body;
            try
            {
                var record = RecordConverter.ToRecord(input, _unwrap);
                body = ProfileRequestBuilder.Build(record, row, _dataCollection, _connection.Clock.UtcNow.ToLocalTime().DateTime);
            }
            catch (Exception problem) when (problem is ActitoRecordException || problem is ArgumentException)
            {
                var failure = problem as ActitoRecordException ?? new ActitoRecordException(row, null, problem.Message, problem);
                // Queued rather than written now, so that it comes out after the rows before it.
                var refused = new TaskCompletionSource<JToken>();
                refused.SetException(failure);
                _queue.Add(row, input, refused.Task);
                _queue.Drain(false, WriteOutcome, _cancellation);
                Pump();
                return;
            }

            if (!_host.ShouldProcess($"profile {Describe(body)} (row {row}) in table '{_table}'", "Create or update"))
            {
                _finished++;
                return;
            }

            EnsureTableKnown();
            var mayRepeat = HasUniqueKey(body);
            _queue.Submit(row, input, ct => _client.UpsertAsync(_table, body, mayRepeat, ct), _cancellation);
            _queue.Drain(false, WriteOutcome, _cancellation);
            Pump();
        }

        public void Complete()
        {
            try
            {
                _queue.Drain(true, WriteOutcome, _cancellation);
                _traces.FlushTo(_host);
            }
            finally
            {
                _progress.Complete();
                _traceSubscription.Dispose();
            }
        }

        /// <summary>Safe from any thread and more than once: it only stops listening to the connection's traces.</summary>
        public void Dispose()
        {
            _traceSubscription.Dispose();
        }

        private void Pump()
        {
            _traces.FlushTo(_host);
            _progress.Report(_finished);
        }

        private void WriteOutcome(OrderedWorkQueue<JToken>.Item item)
        {
            _finished++;
            var task = item.Task;
            if (task.Status == TaskStatus.RanToCompletion)
            {
                _host.WriteObject(new ProfileUpsertResult(item.RowNumber, _table, ProfileClient.ReadProfileId(task.Result), task.Result));
                return;
            }
            var failure = task.Exception?.GetBaseException();
            if (failure == null || failure is OperationCanceledException)
            {
                _cancellation.ThrowIfCancellationRequested();
                failure = failure ?? new OperationCanceledException();
            }
            _host.WriteError(RowError(item.RowNumber, item.Input, failure));
        }

        internal ActitoError RowError(int row, object? input, Exception failure)
        {
            if (failure is ActitoRecordException invalid)
                return new ActitoError(invalid, "ActitoInvalidRow", ActitoErrorCategory.InvalidData, input);
            if (failure is ActitoApiException api)
            {
                var error = new ActitoError(new ActitoRecordException(row, api.Field, api.Message, api), ErrorMapping.ErrorIdOf(api), ErrorMapping.CategoryOf(api), input)
                {
                    Details = api.ResponseBody,
                };
                if (api.MayHaveBeenApplied)
                    error.RecommendedAction = "Look the profile up in Actito before sending this row again: it may already have been written.";
                else if (api.StatusCode == 409)
                    error.RecommendedAction = "The row's unique keys point at different profiles (or the profile exists): fix the keys and send the row again.";
                return error;
            }
            return new ActitoError(new ActitoRecordException(row, null, failure.Message, failure), "ActitoUnexpectedError", ActitoErrorCategory.NotSpecified, input);
        }

        /// <summary>
        /// Reads the table's structure once, to know its unique keys: a row with one may be sent again
        /// after an uncertain failure (it updates the same profile), a row without one may not.
        /// A table the structure API says does not exist stops the command before any row is sent.
        /// </summary>
        private void EnsureTableKnown()
        {
            if (_tableChecked) return;
            _tableChecked = true;
            try
            {
                var tables = Task.Run(() => _client.ListTablesAsync(_cancellation)).GetAwaiter().GetResult();
                _tableInfo = tables.FirstOrDefault(t => string.Equals(t.Name, _table, StringComparison.OrdinalIgnoreCase));
                if (_tableInfo == null && tables.Count > 0)
                {
                    throw new ArgumentException(
                        $"Entity '{_connection.Entity}' has no profile table '{_table}'. Its profile tables: {string.Join(", ", tables.Select(t => t.Name))}.");
                }
            }
            catch (ActitoApiException failure) when (failure.StatusCode.HasValue && failure.StatusCode != 401)
            {
                _host.WriteWarning(
                    $"Could not read the structure of profile table '{_table}' ({failure.StatusCode}): rows will be sent, but a row whose outcome is uncertain will be reported rather than sent again.");
            }
            finally
            {
                _traces.FlushTo(_host);
            }
        }

        private bool HasUniqueKey(JObject body) =>
            _tableInfo != null && (body["attributes"] as JArray ?? new JArray()).OfType<JObject>().Any(a =>
                _tableInfo.UniqueAttributes.Contains((string?)a["name"] ?? string.Empty) &&
                a["value"] is JValue value && value.Type != JTokenType.Null && Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture)?.Length > 0);

        /// <summary>Names a row for -WhatIf and -Confirm by its first two attributes (a CSV's key columns usually come first).</summary>
        private static string Describe(JObject body)
        {
            var shown = (body["attributes"] as JArray ?? new JArray()).OfType<JObject>().Take(2).ToList();
            return shown.Count == 0 ? "without attributes" : string.Join(", ", shown.Select(a => $"{(string?)a["name"]}={a["value"]}"));
        }
    }
}
