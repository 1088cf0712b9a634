namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// The executions and import counts of one licence state: a reset or a new licence builds a new store,
/// which clears both, and cancels the old store's runs.
/// </summary>
internal sealed class EtlExecutionStore
{
    /// <summary>The feeding guide's example execution id; ids grow from it and restart with the state.</summary>
    public const long FirstId = 123456;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, EtlExecution> _executions = [];
    private readonly DailyImportQuota _quota = new();
    private readonly CancellationTokenSource _cancel = new();
    private long _lastId = FirstId - 1;

    /// <summary>Cancelled when this state is replaced: its runs (and webhook deliveries) stop with it.</summary>
    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>Counts the import against each destination table's daily quota and creates the execution, atomically.</summary>
    /// <param name="targets">The tables it loads, each once.</param>
    /// <returns>The new execution, or the first table that has had its imports for the day (then nothing is counted).</returns>
    public (EtlExecution? Execution, EtlTarget? Exhausted) TryAdmit(IReadOnlyList<EtlTarget> targets, int limit, DateTimeOffset now, Func<long, EtlExecution> create)
    {
        lock (_gate)
        {
            if (_quota.TryTake(targets.Select(t => t.QuotaKey).ToList(), limit, now) is { } exhausted)
            {
                return (null, targets.First(t => t.QuotaKey == exhausted));
            }

            var execution = create(++_lastId);
            _executions.Add(execution.Id, execution);
            return (execution, null);
        }
    }

    public EtlExecution? Find(long id)
    {
        lock (_gate)
        {
            return _executions.GetValueOrDefault(id);
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<EtlExecution> List()
    {
        lock (_gate)
        {
            return _executions.Values.OrderBy(e => e.Id).ToList();
        }
    }

    public void CancelAll() => _cancel.Cancel();
}
