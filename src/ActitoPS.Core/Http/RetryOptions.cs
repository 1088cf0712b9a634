using System;

namespace ActitoPS.Core.Http
{
    public sealed class RetryOptions
    {
        /// <summary>
        /// Attempts in all, the first one included. Eight spreads about 77 s of back-off (inside the
        /// total cap): a runbook rides out a short Actito outage instead of failing rows.
        /// </summary>
        public int MaxAttempts { get; set; } = 8;

        /// <summary>No retry starts once this much time has passed since the first attempt.</summary>
        public TimeSpan MaxTotalTime { get; set; } = TimeSpan.FromMinutes(2);

        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>One attempt that takes longer is abandoned and counts as a transient failure.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

        internal void Validate()
        {
            if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt is needed.");
            if (MaxTotalTime < TimeSpan.Zero || BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(RetryOptions), "Retry times must not be negative.");
        }
    }
}
