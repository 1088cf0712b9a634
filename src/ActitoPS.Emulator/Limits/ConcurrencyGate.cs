namespace ActitoPS.Emulator.Limits;

/// <summary>Counts requests in flight; one over the limit is refused at once rather than queued, as Actito does.</summary>
internal sealed class ConcurrencyGate(SettingsStore settings)
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool TryEnter()
    {
        var max = settings.Current.MaxConcurrentRequests;
        var now = Interlocked.Increment(ref _inFlight);
        if (max > 0 && now > max)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }

        return true;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
