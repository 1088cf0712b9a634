namespace ActitoPS.Emulator.MassImports;

/// <summary>The TRIGGERED ETL definitions of one licence state: a reset or a new licence starts with none.</summary>
internal sealed class EtlDefinitionStore
{
    /// <summary>The feeding guide's example ETL id (its trigger-execution call and webhook use 123456).</summary>
    public const long FirstId = 123456;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, TriggeredEtl> _etls = [];
    private long _lastId = FirstId - 1;

    public TriggeredEtl Add(Func<long, TriggeredEtl> create)
    {
        lock (_gate)
        {
            var etl = create(++_lastId);
            _etls.Add(etl.Id, etl);
            return etl;
        }
    }

    public TriggeredEtl? Find(long id)
    {
        lock (_gate)
        {
            return _etls.GetValueOrDefault(id);
        }
    }

    public bool Remove(long id)
    {
        lock (_gate)
        {
            return _etls.Remove(id);
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<TriggeredEtl> List()
    {
        lock (_gate)
        {
            return _etls.Values.OrderBy(e => e.Id).ToList();
        }
    }
}
