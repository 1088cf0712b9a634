namespace ActitoPS.Emulator.RequestLog;

/// <summary>
/// The request log. Bounded, so a long demo or load run cannot grow it without end; the oldest entries go first.
/// </summary>
internal sealed class RequestJournal
{
    public const int Capacity = 100_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private long _lastSequence;

    public long NextSequence() => Interlocked.Increment(ref _lastSequence);

    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            // Entries are added when they finish, so a slow request lands after faster later ones: keep arrival order.
            var after = _entries.Last;
            while (after is not null && after.Value.Sequence > entry.Sequence)
            {
                after = after.Previous;
            }

            if (after is null)
            {
                _entries.AddFirst(entry);
            }
            else
            {
                _entries.AddAfter(after, entry);
            }

            if (_entries.Count > Capacity)
            {
                _entries.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<RequestLogEntry> List()
    {
        lock (_gate)
        {
            return _entries.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
