namespace ActitoPS.Emulator.State;

/// <summary>
/// Items the emulator numbers itself (ETL definitions, webhook subscriptions): ids from a first one upwards, safe
/// across request threads, listed oldest first. A reset or a new licence makes a new store.
/// </summary>
internal class NumberedStore<T>(long firstId, Func<T, long> idOf) where T : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, T> _items = [];
    private long _lastId = firstId - 1;

    /// <param name="create">Makes the item from its new id.</param>
    public T Add(Func<long, T> create)
    {
        lock (_gate)
        {
            var item = create(++_lastId);
            _items.Add(idOf(item), item);
            return item;
        }
    }

    public T? Find(long id)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(id);
        }
    }

    public bool Remove(long id)
    {
        lock (_gate)
        {
            return _items.Remove(id);
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<T> List() => Where(_ => true);

    /// <summary>Those that match, oldest first.</summary>
    public IReadOnlyList<T> Where(Func<T, bool> match)
    {
        lock (_gate)
        {
            return _items.Values.Where(match).OrderBy(idOf).ToList();
        }
    }
}
