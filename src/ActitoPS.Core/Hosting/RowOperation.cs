using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using ActitoPS.Core.Records;

namespace ActitoPS.Core.Hosting
{
    /// <summary>
    /// The shape every row cmdlet shares: rows numbered from 1 (an array bound to -InputObject counts row by
    /// row), checks that cost no call before anything is sent, -WhatIf/-Confirm per row, up to ThrottleLimit
    /// rows in flight with results and errors in input order, one error per failed row with the row as its
    /// target, -ErrorAction Stop sending nothing after the first failure, throttled progress and HTTP traces.
    /// A new row cmdlet is a subclass that plans a row; it copies none of this.
    /// </summary>
    public abstract class RowOperation : IDisposable
    {
        private readonly TraceQueue _traces = new TraceQueue();
        private readonly IDisposable _traceSubscription;
        private readonly CancellationTokenSource _stopping;
        private readonly ProgressReporter _progress;
        private OrderedWorkQueue<object>? _queue;
        private int _rows;
        private int _finished;
        private Exception? _fatal;

        /// <param name="unwrap">Opens PowerShell's wrappers (see <see cref="RecordConverter.ToRecord"/>).</param>
        protected RowOperation(ActitoConnection connection, IActitoHost host, Func<object, object?>? unwrap, CancellationToken cancellationToken,
            string activity, string unit)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            connection.EnsureOpen();
            Host = host ?? throw new ArgumentNullException(nameof(host));
            Unwrap = unwrap;
            _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _traceSubscription = connection.Trace.Subscribe(_traces.Listener);
            _progress = new ProgressReporter(host, connection.Clock, 1, activity, unit);
        }

        /// <summary>Set when a row's error ends the command (-ErrorAction Stop): every row then waits for those before it.</summary>
        public bool StopAtFirstError { get; set; }

        /// <summary>Rows in flight at once; null: the connection's limit.</summary>
        public int? ThrottleLimit { get; set; }

        protected ActitoConnection Connection { get; }

        protected IActitoHost Host { get; }

        protected Func<object, object?>? Unwrap { get; }

        protected CancellationToken Cancellation => _stopping.Token;

        private OrderedWorkQueue<object> Queue =>
            _queue ?? (_queue = new OrderedWorkQueue<object>(Math.Max(1, ThrottleLimit ?? Connection.MaxConcurrentRequests), Pump));

        /// <summary>
        /// One piped value: a row, or a list of rows (an array bound to -InputObject), each planned by <paramref name="plan"/>.
        /// A plan that throws <see cref="ActitoRecordException"/> refuses its row (no call); any other exception ends the command.
        /// </summary>
        protected void ProcessInput(object? input, Func<object?, int, RowPlan> plan)
        {
            if (input != null && RecordConverter.IsListOfRows(input, Unwrap))
            {
                foreach (var item in (System.Collections.IEnumerable)RecordConverter.Unwrap(input, Unwrap)!) ProcessInput(item, plan);
                return;
            }

            try
            {
                ProcessRow(input, plan);
            }
            catch (OperationCanceledException) when (Volatile.Read(ref _fatal) != null)
            {
                throw Volatile.Read(ref _fatal)!;
            }
        }

        private void ProcessRow(object? input, Func<object?, int, RowPlan> plan)
        {
            if (Volatile.Read(ref _fatal) is Exception fatal) throw fatal;
            if (StopAtFirstError) Queue.Drain(true, WriteOutcome, Cancellation);
            var row = ++_rows;
            OnRowCounted(row);
            RowPlan planned;
            try
            {
                planned = plan(input, row);
            }
            catch (ActitoRecordException refused)
            {
                // Queued rather than written now, so that it comes out after the rows before it.
                var failed = new TaskCompletionSource<object>();
                failed.SetException(refused);
                Queue.Add(row, input, failed.Task);
                Queue.Drain(false, WriteOutcome, Cancellation);
                Pump();
                return;
            }

            if (planned.Target != null && !Host.ShouldProcess(planned.Target, planned.Action ?? "Change"))
            {
                _finished++;
                return;
            }

            Queue.Submit(row, input, ct => RunRow(planned, ct), Cancellation);
            Queue.Drain(false, WriteOutcome, Cancellation);
            Pump();
        }

        public void Complete()
        {
            try
            {
                Queue.Drain(true, WriteOutcome, Cancellation);
                _traces.FlushTo(Host);
            }
            catch (OperationCanceledException) when (Volatile.Read(ref _fatal) != null)
            {
                throw Volatile.Read(ref _fatal)!;
            }
            finally
            {
                _progress.Complete();
                _traceSubscription.Dispose();
            }
        }

        /// <summary>Safe from any thread and more than once.</summary>
        public void Dispose()
        {
            _traceSubscription.Dispose();
        }

        /// <summary>The row as Core's record; a value that is no row (a bare string, say) is that row's error.</summary>
        protected ActitoRecord RecordOf(object? input, int row)
        {
            try
            {
                return RecordConverter.ToRecord(input, Unwrap);
            }
            catch (ArgumentException problem)
            {
                throw new ActitoRecordException(row, null, problem.Message, problem);
            }
        }

        /// <summary>Past this many rows a writing operation warns once that bulk loads are the tool for volume.</summary>
        public const int VolumeWarningRows = 1000;

        /// <summary>The warning a writing operation gives past <see cref="VolumeWarningRows"/> rows; null for none.</summary>
        protected virtual string? VolumeWarning => null;

        private void OnRowCounted(int row)
        {
            if (row == VolumeWarningRows + 1 && VolumeWarning != null) Host.WriteWarning(VolumeWarning);
        }

        /// <summary>What to advise for a row Actito refused, by its failure; null for nothing.</summary>
        protected virtual string? Advice(ActitoApiException failure) =>
            failure.MayHaveBeenApplied ? "Look the row up in Actito before sending it again: it may already have been written." : null;

        /// <summary>Writes queued traces and progress; also called while the pipeline thread waits.</summary>
        protected void Pump()
        {
            _traces.FlushTo(Host);
            _progress.Report(_finished);
        }

        /// <summary>An operation that is gone stops every row at once: no further row is sent once one has seen it.</summary>
        private async Task<object> RunRow(RowPlan planned, CancellationToken cancellationToken)
        {
            try
            {
                return await planned.Run(cancellationToken).ConfigureAwait(false);
            }
            catch (ActitoApiRetiredException gone)
            {
                Interlocked.CompareExchange(ref _fatal, gone, null);
                _stopping.Cancel();
                throw;
            }
        }

        private void WriteOutcome(OrderedWorkQueue<object>.Item item)
        {
            _finished++;
            var task = item.Task;
            if (task.Status == TaskStatus.RanToCompletion)
            {
                Host.WriteObject(task.Result);
                return;
            }
            var failure = task.Exception?.GetBaseException();
            if (failure == null || failure is OperationCanceledException)
            {
                Cancellation.ThrowIfCancellationRequested();
                failure = failure ?? new OperationCanceledException();
            }
            if (failure is ActitoApiRetiredException)
            {
                // The operation is gone for every row: one error ends the command, and nothing more is sent.
                _stopping.Cancel();
                throw failure;
            }
            Host.WriteError(RowError(item.RowNumber, item.Input, failure));
        }

        internal ActitoError RowError(int row, object? input, Exception failure)
        {
            if (failure is ActitoRecordException invalid)
            {
                // Refused before sending: say so, so that nobody looks for the row in Actito.
                return new ActitoError(invalid, ErrorMapping.InvalidRowId, ActitoErrorCategory.InvalidData, input)
                {
                    RecommendedAction = invalid.Field == null
                        ? $"Nothing was sent for row {invalid.RowNumber.ToString(CultureInfo.InvariantCulture)}: correct it and send it again."
                        : $"Nothing was sent for row {invalid.RowNumber.ToString(CultureInfo.InvariantCulture)}: correct its field '{invalid.Field}' and send it again.",
                };
            }
            if (failure is ActitoApiException api)
            {
                return new ActitoError(new ActitoRecordException(row, api.Field, api.Message, api), ErrorMapping.ErrorIdOf(api), ErrorMapping.CategoryOf(api), input)
                {
                    Details = api.ResponseBody,
                    RecommendedAction = Advice(api),
                };
            }
            return new ActitoError(new ActitoRecordException(row, null, failure.Message, failure), "ActitoUnexpectedError", ActitoErrorCategory.NotSpecified, input);
        }
    }
}
