namespace ActitoPS.Emulator.Limits;

/// <summary>
/// A token that is cancelled at the next settings change, so that anything waiting on the old settings
/// (a call held by callsPerMinute, an ETL execution waiting out etlDurationMs) looks at them again at once.
/// </summary>
internal sealed class ChangeSignal
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _next = new();

    public ChangeSignal(SettingsStore settings) => settings.Changed += Signal;

    /// <summary>Take it before reading the settings: a change in between then cancels it, and nothing is missed.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (_gate)
            {
                return _next.Token;
            }
        }
    }

    public void Signal()
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            previous = _next;
            _next = new CancellationTokenSource();
        }

        // Not disposed: a waiter may still be linking to its token; a cancelled source holds nothing to release.
        previous.Cancel();
    }
}
