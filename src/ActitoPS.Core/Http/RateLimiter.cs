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
    /// The in-flight ceiling adapts: when Actito refuses a request for concurrency while K were in
    /// flight (other clients may share the licence), at most K-1 go out from then on; after a run of
    /// accepted requests it tries one more again, never above N.
    /// </summary>
    public sealed class RateLimiter
    {
        private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

        private readonly int _callsPerMinute;
        private readonly IClock _clock;
        private readonly Queue<DateTimeOffset> _recentCalls = new Queue<DateTimeOffset>();
        private readonly Queue<TaskCompletionSource<int>> _waiting = new Queue<TaskCompletionSource<int>>();
        private readonly object _gate = new object();
        private int _inFlight;
        private int _ceiling;
        private int _acceptedSinceChange;

        public RateLimiter(int maxInFlight, int callsPerMinute, IClock clock)
        {
            if (maxInFlight < 0) throw new ArgumentOutOfRangeException(nameof(maxInFlight), maxInFlight, "Must be 0 (no limit) or more.");
            if (callsPerMinute < 0) throw new ArgumentOutOfRangeException(nameof(callsPerMinute), callsPerMinute, "Must be 0 (no limit) or more.");
            MaxInFlight = maxInFlight;
            _ceiling = maxInFlight;
            _callsPerMinute = callsPerMinute;
            _clock = clock;
        }

        public int MaxInFlight { get; }

        public int CallsPerMinute => _callsPerMinute;

        /// <summary>How many may be in flight now: MaxInFlight, or less after Actito refused some.</summary>
        public int CurrentCeiling { get { lock (_gate) return _ceiling; } }

        /// <summary>Accepted requests after which the ceiling is raised by one again.</summary>
        internal int AcceptedBeforeRaise => Math.Max(100, MaxInFlight * 20);

        /// <summary>Waits for a slot; dispose the result when the response has been read.</summary>
        /// <param name="onThrottled">Told how long the per-minute window makes this call wait.</param>
        public async Task<Slot> AcquireAsync(CancellationToken cancellationToken, Action<TimeSpan>? onThrottled = null)
        {
            var inFlightAtStart = await EnterAsync(cancellationToken).ConfigureAwait(false);
            var slot = new Slot(this, inFlightAtStart);
            try
            {
                await WaitForWindowAsync(cancellationToken, onThrottled).ConfigureAwait(false);
            }
            catch
            {
                slot.Dispose();
                throw;
            }
            return slot;
        }

        /// <summary>Actito answered 429 without Retry-After: too many at once for it.</summary>
        /// <returns>The new ceiling when it was lowered, else null.</returns>
        public int? Refused(Slot slot)
        {
            if (MaxInFlight == 0) return null;
            lock (_gate)
            {
                _acceptedSinceChange = 0;
                var lowered = Math.Max(1, slot.InFlightWhenSent - 1);
                if (lowered >= _ceiling) return null;
                _ceiling = lowered;
                return lowered;
            }
        }

        public void Accepted()
        {
            if (MaxInFlight == 0) return;
            lock (_gate)
            {
                if (_ceiling >= MaxInFlight) return;
                if (++_acceptedSinceChange < AcceptedBeforeRaise) return;
                _acceptedSinceChange = 0;
                _ceiling++;
                ReleaseWaitersLocked();
            }
        }

        private async Task<int> EnterAsync(CancellationToken cancellationToken)
        {
            TaskCompletionSource<int> turn;
            lock (_gate)
            {
                if (MaxInFlight == 0 || _inFlight < _ceiling) return ++_inFlight;
                turn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Enqueue(turn);
            }
            // A turn cancelled while queued stays in the queue; ReleaseWaitersLocked skips it when its turn comes.
            // The count comes with the grant: read after waking, it would already be someone else's.
            using (cancellationToken.Register(() => turn.TrySetCanceled(cancellationToken)))
            {
                return await turn.Task.ConfigureAwait(false);
            }
        }

        private void Leave()
        {
            lock (_gate) LeaveLocked();
        }

        private void LeaveLocked()
        {
            _inFlight--;
            ReleaseWaitersLocked();
        }

        private void ReleaseWaitersLocked()
        {
            while (_inFlight < _ceiling && _waiting.Count > 0)
            {
                var next = _waiting.Dequeue();
                _inFlight++;
                if (!next.TrySetResult(_inFlight)) _inFlight--; // cancelled while queued
            }
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

        /// <summary>One request's place in flight.</summary>
        public sealed class Slot : IDisposable
        {
            private RateLimiter? _owner;

            internal Slot(RateLimiter owner, int inFlightWhenSent)
            {
                _owner = owner;
                InFlightWhenSent = inFlightWhenSent;
            }

            /// <summary>Requests in flight, this one included, when it was let through.</summary>
            public int InFlightWhenSent { get; }

            public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Leave();
        }
    }
}
