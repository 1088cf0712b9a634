using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// Wait-ActitoEtl: every execution given is polled at once (each soon, then less often), with a progress bar of its
    /// own; each is written as it finishes. FAILED is that execution's error, with Actito's reason; finished with lines
    /// in error is a warning that says how to see them; a timeout ends the wait, not the execution.
    /// </summary>
    public sealed class WaitEtlOperation
    {
        private const int FirstActivity = 10;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

        private readonly ActitoConnection _connection;
        private readonly IActitoHost _host;
        private readonly CancellationToken _cancellation;
        private readonly MassImportApi _api;
        private readonly List<(long Id, EtlExecution? Known)> _executions = new List<(long, EtlExecution?)>();

        public WaitEtlOperation(ActitoConnection connection, IActitoHost host, CancellationToken cancellationToken)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _host = host;
            _cancellation = cancellationToken;
            _api = new MassImportApi(connection);
        }

        /// <summary>How long to wait in all; null: until every execution is done.</summary>
        public TimeSpan? Timeout { get; set; }

        public void Add(EtlExecution execution) => _executions.Add((execution.Id, execution));

        /// <summary>The executions added with what is known of them, not yet waited for.</summary>
        internal IReadOnlyList<EtlExecution> Pending => _executions.Where(e => e.Known != null).Select(e => e.Known!).ToList();

        public void Add(long id) => _executions.Add((id, null));

        public void Complete()
        {
            if (_executions.Count == 0) return;
            var clock = _connection.Clock;
            var started = clock.UtcNow;
            var timeout = Timeout ?? TimeSpan.MaxValue;
            var polls = new ConcurrentQueue<(int Index, EtlExecution State)>();
            var waits = _executions.Select((e, index) => Task.Run(() => EtlWaiter.WaitAsync(ct => _api.GetAsync(e.Id, ct), clock, timeout,
                state => polls.Enqueue((index, state)), _cancellation), _cancellation)).ToList();
            var shown = new Dictionary<int, DateTimeOffset>();
            var left = Enumerable.Range(0, waits.Count).ToList();
            while (left.Count > 0)
            {
                try
                {
                    Task.WaitAny(left.Select(i => (Task)waits[i]).ToArray(), 250, _cancellation);
                }
                catch (OperationCanceledException)
                {
                    CloseBars(shown);
                    throw;
                }
                var now = clock.UtcNow;
                while (polls.TryDequeue(out var poll))
                {
                    if (poll.State.IsDone || now - started < ProgressInterval) continue;
                    if (shown.TryGetValue(poll.Index, out var last) && now - last < ProgressInterval) continue;
                    shown[poll.Index] = now;
                    _host.WriteProgress(new ActitoProgress(FirstActivity + poll.Index, Activity(poll.Index),
                        string.Format(CultureInfo.InvariantCulture, "{0} for {1:0} s", poll.State.Status, (now - started).TotalSeconds)));
                }
                foreach (var index in left.Where(i => waits[i].IsCompleted).ToList())
                {
                    left.Remove(index);
                    if (shown.Remove(index)) _host.WriteProgress(new ActitoProgress(FirstActivity + index, Activity(index), "Done") { Completed = true, PercentComplete = 100 });
                    Finish(index, waits[index]);
                }
            }
        }

        private void Finish(int index, Task<EtlExecution> wait)
        {
            var (id, known) = _executions[index];
            object target = (object?)known ?? id;
            if (wait.Status == TaskStatus.RanToCompletion)
            {
                var execution = wait.Result.Carrying(known);
                if (execution.Status == "FAILED")
                {
                    _host.WriteError(new ActitoError(new InvalidOperationException(
                            $"Execution {Name(execution)} FAILED: {(execution.Error ?? "Actito gave no reason").TrimEnd('.', ' ')}. Nothing of its file was loaded."),
                        "ActitoEtlFailed", ActitoErrorCategory.InvalidResult, execution)
                    {
                        RecommendedAction = "Fix the file as the reason says, then start the import again (each start uses one of the table's daily imports).",
                    });
                    return;
                }
                if (execution.HasErrors)
                {
                    var idText = execution.Id.ToString(CultureInfo.InvariantCulture);
                    _host.WriteWarning($"Execution {Name(execution)} finished with {execution.Results!.InError.ToString(CultureInfo.InvariantCulture)} of {execution.Results.Read.ToString(CultureInfo.InvariantCulture)} lines in error: " +
                                       $"Get-ActitoEtlError -Id {idText} lists them with their values, Save-ActitoEtlOutput -Id {idText} saves the error file.");
                }
                _host.WriteObject(execution);
                return;
            }
            var failure = wait.Exception?.GetBaseException() ?? new OperationCanceledException();
            if (failure is OperationCanceledException)
            {
                _cancellation.ThrowIfCancellationRequested();
                throw failure;
            }
            if (failure is TimeoutException late)
            {
                _host.WriteError(new ActitoError(late, "ActitoEtlWaitTimeout", ActitoErrorCategory.OperationTimeout, target)
                {
                    RecommendedAction = $"Wait again later: Wait-ActitoEtl -Id {id.ToString(CultureInfo.InvariantCulture)}.",
                });
                return;
            }
            if (failure is ActitoApiException api)
            {
                _host.WriteError(new ActitoError(api, ErrorMapping.ErrorIdOf(api), ErrorMapping.CategoryOf(api), target) { Details = api.ResponseBody });
                return;
            }
            throw failure;
        }

        private string Activity(int index)
        {
            var (id, known) = _executions[index];
            return known?.Table == null
                ? $"Wait-ActitoEtl: execution {id.ToString(CultureInfo.InvariantCulture)}"
                : $"Wait-ActitoEtl: execution {id.ToString(CultureInfo.InvariantCulture)} into {known.Table}";
        }

        private static string Name(EtlExecution execution) =>
            execution.Table == null ? execution.Id.ToString(CultureInfo.InvariantCulture) : $"{execution.Id.ToString(CultureInfo.InvariantCulture)} into {execution.Table}";

        private void CloseBars(Dictionary<int, DateTimeOffset> shown)
        {
            foreach (var index in shown.Keys) _host.WriteProgress(new ActitoProgress(FirstActivity + index, Activity(index), "Stopped") { Completed = true });
        }
    }
}
