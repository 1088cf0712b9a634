using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Time;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Keeps one licence within Actito's limits: at most N requests in flight (a sixth gets 429)
    /// and at most M calls in any 60 s window (Actito slows the excess; waiting here keeps our own
    /// timing predictable). Zero means no limit.
    /// </summary>
    public sealed class RateLimiter
    {
        private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

        private readonly SemaphoreSlim? _inFlight;
        private readonly int _callsPerMinute;
        private readonly IClock _clock;
        private readonly Queue<DateTimeOffset> _recentCalls = new Queue<DateTimeOffset>();
        private readonly object _gate = new object();

        public RateLimiter(int maxInFlight, int callsPerMinute, IClock clock)
        {
            if (maxInFlight < 0) throw new ArgumentOutOfRangeException(nameof(maxInFlight), maxInFlight, "Must be 0 (no limit) or more.");
            if (callsPerMinute < 0) throw new ArgumentOutOfRangeException(nameof(callsPerMinute), callsPerMinute, "Must be 0 (no limit) or more.");
            MaxInFlight = maxInFlight;
            _inFlight = maxInFlight > 0 ? new SemaphoreSlim(maxInFlight, maxInFlight) : null;
            _callsPerMinute = callsPerMinute;
            _clock = clock;
        }

        public int MaxInFlight { get; }

        public int CallsPerMinute => _callsPerMinute;

        /// <summary>Waits for a slot; dispose the result when the response has been read.</summary>
        /// <param name="onThrottled">Told how long the per-minute window makes this call wait.</param>
        public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken, Action<TimeSpan>? onThrottled = null)
        {
            if (_inFlight != null) await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WaitForWindowAsync(cancellationToken, onThrottled).ConfigureAwait(false);
            }
            catch
            {
                _inFlight?.Release();
                throw;
            }
            return new Slot(_inFlight);
        }

        private async Task WaitForWindowAsync(CancellationToken cancellationToken, Action<TimeSpan>? onThrottled)
        {
            if (_callsPerMinute == 0) return;
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var now = _clock.UtcNow;
                    while (_recentCalls.Count > 0 && now - _recentCalls.Peek() >= Window) _recentCalls.Dequeue();
                    if (_recentCalls.Count < _callsPerMinute)
                    {
                        _recentCalls.Enqueue(now);
                        return;
                    }
                    wait = _recentCalls.Peek() + Window - now;
                }
                onThrottled?.Invoke(wait);
                await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private sealed class Slot : IDisposable
        {
            private SemaphoreSlim? _semaphore;

            public Slot(SemaphoreSlim? semaphore) => _semaphore = semaphore;

            public void Dispose()
            {
                Interlocked.Exchange(ref _semaphore, null)?.Release();
            }
        }
    }
}
