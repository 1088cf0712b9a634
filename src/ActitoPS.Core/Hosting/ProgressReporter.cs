using System;
using System.Globalization;
using ActitoPS.Core.Time;

namespace ActitoPS.Core.Hosting
{
    /// <summary>
    /// Progress for long work: at most one update a second (a bar redrawn per row slows PowerShell
    /// down more than the work), the rate, an ETA when the total is known, and always a closing record.
    /// </summary>
    public sealed class ProgressReporter
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

        private readonly IActitoHost _host;
        private readonly IClock _clock;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly string _unit;
        private readonly DateTimeOffset _started;
        private DateTimeOffset _lastWritten;
        private bool _written;
        private bool _completed;

        public ProgressReporter(IActitoHost host, IClock clock, int activityId, string activity, string unit)
        {
            _host = host;
            _clock = clock;
            _activityId = activityId;
            _activity = activity;
            _unit = unit;
            _started = clock.UtcNow;
        }

        /// <param name="done">Items finished so far.</param>
        /// <param name="total">Items in all, when known.</param>
        public void Report(long done, long? total = null)
        {
            var now = _clock.UtcNow;
            if (_written && now - _lastWritten < Interval) return;
            // The first second has no meaningful rate; nothing is shown for work that ends faster.
            if (!_written && now - _started < Interval) return;
            _lastWritten = now;
            _written = true;
            _host.WriteProgress(Build(done, total, now));
        }

        public void Complete()
        {
            if (_completed) return;
            _completed = true;
            if (!_written) return; // a bar that was never shown needs no closing
            _host.WriteProgress(new ActitoProgress(_activityId, _activity, "Done") { Completed = true, PercentComplete = 100 });
        }

        internal ActitoProgress Build(long done, long? total, DateTimeOffset now)
        {
            var elapsed = (now - _started).TotalSeconds;
            var rate = elapsed > 0 ? done / elapsed : 0;
            var status = total.HasValue
                ? string.Format(CultureInfo.InvariantCulture, "{0} of {1} {2} ({3:0.#}/s)", done, total.Value, _unit, rate)
                : string.Format(CultureInfo.InvariantCulture, "{0} {1} ({2:0.#}/s)", done, _unit, rate);
            var progress = new ActitoProgress(_activityId, _activity, status);
            if (total.HasValue && total.Value > 0)
            {
                progress.PercentComplete = (int)Math.Min(100, done * 100 / total.Value);
                if (rate > 0) progress.SecondsRemaining = (int)Math.Ceiling((total.Value - done) / rate);
            }
            return progress;
        }
    }
}
