namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// limits.bulkImportsPerTablePerDay: executions accepted per destination table per UTC day, on the
/// emulator's clock. Not thread-safe: <see cref="EtlExecutionStore"/> holds its lock around it.
/// </summary>
internal sealed class DailyImportQuota
{
    private readonly Dictionary<string, int> _used = new(StringComparer.Ordinal);
    private DateOnly _day;

    /// <summary>One import of each of these tables, all or none (a TRIGGERED execution loads several tables at once).</summary>
    /// <param name="tables">Distinct quota keys.</param>
    /// <param name="limit">0: unlimited, like the licence's other limits.</param>
    /// <returns>Null, and counted, when every table has an import left today; otherwise the first that has none (nothing counted).</returns>
    public string? TryTake(IReadOnlyList<string> tables, int limit, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (day != _day)
        {
            // A new UTC day: every table starts again.
            _used.Clear();
            _day = day;
        }

        if (limit > 0 && tables.FirstOrDefault(t => _used.GetValueOrDefault(t) >= limit) is { } exhausted)
        {
            return exhausted;
        }

        foreach (var table in tables)
        {
            _used[table] = _used.GetValueOrDefault(table) + 1;
        }

        return null;
    }

    /// <summary>The next UTC midnight, when every table's count starts again.</summary>
    public static DateTimeOffset NextReset(DateTimeOffset now) => new(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
}
