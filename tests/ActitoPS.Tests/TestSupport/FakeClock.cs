using ActitoPS.Core.Time;

namespace ActitoPS.Tests.TestSupport;

/// <summary>A clock that only moves when told to, or when someone waits on it (the wait then ends at once).</summary>
public sealed class FakeClock : IClock
{
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public List<TimeSpan> Delays { get; } = new();

    public DateTimeOffset UtcNow { get { lock (_gate) return _now; } }

    public void Advance(TimeSpan by) { lock (_gate) _now += by; }

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Delays.Add(delay);
            if (delay > TimeSpan.Zero) _now += delay;
        }
        return Task.CompletedTask;
    }
}
