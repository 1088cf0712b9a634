namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// limits.bulkImportsPerTablePerDay: executions accepted per destination table per UTC day, on the
/// emulator's clock. Not thread-safe: <see cref="EtlExecutionStore"/> holds its lock around it.
/// </summary>
internal sealed class DailyImportQuota
{
    private readonly Dictionary<string, int> _used = new(StringComparer.Ordinal);
    private DateOnly _day;

    /// <param name="limit">0: unlimited, like the licence's other limits.</param>
    /// <returns>True, and counted, when the table has an import left today.</returns>
    public bool TryTake(string table, int limit, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (day != _day)
        {
            // A new UTC day: every table starts again.
            _used.Clear();
            _day = day;
        }

        var used = _used.GetValueOrDefault(table);
        if (limit > 0 && used >= limit)
        {
            return false;
        }

        _used[table] = used + 1;
        return true;
    }

    /// <summary>The next UTC midnight, when every table's count starts again.</summary>
    public static DateTimeOffset NextReset(DateTimeOffset now) => new(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
}
