using System.Diagnostics;

namespace ActitoPS.Emulator.Limits;

/// <summary>
/// callsPerMinute over a sliding 60-second window. Actito slows excess calls instead of rejecting them,
/// so an excess request waits until the window has room.
/// </summary>
internal sealed class CallRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly SettingsStore _settings;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _admitted = new();
    private readonly ChangeSignal _wake;
    private int _waiting;

    public CallRateLimiter(SettingsStore settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _wake = new ChangeSignal(settings);
    }

    /// <summary>Requests currently held back by the limit.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <returns>How long the request was held back.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public async Task<TimeSpan> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var counted = false;
        try
        {
            while (true)
            {
                TimeSpan wait;
                var wake = _wake.Token;
                lock (_gate)
                {
                    wait = TimeUntilRoom(_time.GetUtcNow());
                }

                if (wait <= TimeSpan.Zero)
                {
                    return counted ? Stopwatch.GetElapsedTime(start) : TimeSpan.Zero;
                }

                if (!counted)
                {
                    counted = true;
                    Interlocked.Increment(ref _waiting);
                }

                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wake);
                try
                {
                    await Task.Delay(wait, _time, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Woken by a settings change: look at the window again.
                }
            }
        }
        finally
        {
            if (counted)
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    /// <summary>Forgets past calls, as a fresh licence would.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _admitted.Clear();
        }

        _wake.Signal();
    }

    /// <summary>Zero when the call is admitted now (and counted); otherwise how long until the window has room.</summary>
    private TimeSpan TimeUntilRoom(DateTimeOffset now)
    {
        while (_admitted.Count > 0 && _admitted.Peek() <= now - Window)
        {
            _admitted.Dequeue();
        }

        var limit = _settings.Current.CallsPerMinute;
        if (limit <= 0 || _admitted.Count < limit)
        {
            _admitted.Enqueue(now);
            return TimeSpan.Zero;
        }

        // Room appears when enough of the oldest calls have left the window to bring the count below the limit.
        var freeing = _admitted.ElementAt(_admitted.Count - limit);
        var wait = freeing + Window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
    }
}
