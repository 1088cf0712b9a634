using System.Globalization;

namespace ActitoPS.Emulator.Limits;

internal sealed class SettingsStore(EmulatorSettings initial)
{
    private readonly Lock _gate = new();
    private EmulatorSettings _current = initial;

    /// <summary>Raised after every change, so that requests held back by the old limits look again.</summary>
    public event Action? Changed;

    public EmulatorSettings Current => Volatile.Read(ref _current);

    /// <exception cref="ArgumentException">A value is out of range; nothing is changed.</exception>
    public EmulatorSettings Update(EmulatorSettingsUpdate update)
    {
        EmulatorSettings next;
        lock (_gate)
        {
            var current = _current;
            next = new EmulatorSettings(
                Check(update.MaxConcurrentRequests, 0, "maxConcurrentRequests") ?? current.MaxConcurrentRequests,
                Check(update.CallsPerMinute, 0, "callsPerMinute") ?? current.CallsPerMinute,
                Check(update.TokenLifetimeSeconds, 1, "tokenLifetimeSeconds") ?? current.TokenLifetimeSeconds,
                Check(update.BulkImportsPerTablePerDay, 0, "bulkImportsPerTablePerDay") ?? current.BulkImportsPerTablePerDay,
                Check(update.EtlDurationMs, 0, "etlDurationMs") ?? current.EtlDurationMs);
            Volatile.Write(ref _current, next);
        }

        Changed?.Invoke();
        return next;
    }

    public void Replace(EmulatorSettings settings)
    {
        Volatile.Write(ref _current, settings);
        Changed?.Invoke();
    }

    private static int? Check(int? value, int minimum, string name) =>
        value < minimum
            ? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} (was {value})."), name)
            : value;
}
