using System;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Time;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// Polls an execution until it is FINISHED or FAILED: soon at first, then less often, up to a cap, so a long import
    /// costs few of the licence's calls; every wait is cancellable; a timeout ends the wait, not the execution.
    /// </summary>
    internal static class EtlWaiter
    {
        public static readonly TimeSpan FirstPoll = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(30);

        /// <param name="onPoll">Called with each state read, on the caller's side (progress, traces).</param>
        /// <exception cref="TimeoutException">Not done within <paramref name="timeout"/>.</exception>
        public static async Task<EtlExecution> WaitAsync(Func<CancellationToken, Task<EtlExecution>> read, IClock clock, TimeSpan timeout,
            Action<EtlExecution>? onPoll, CancellationToken cancellationToken)
        {
            var started = clock.UtcNow;
            var wait = FirstPoll;
            while (true)
            {
                var execution = await read(cancellationToken).ConfigureAwait(false);
                onPoll?.Invoke(execution);
                if (execution.IsDone) return execution;
                var left = timeout - (clock.UtcNow - started);
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException(string.Format(System.Globalization.CultureInfo.InvariantCulture, "Execution {0} is still {1} after {2:0} s; it goes on in Actito, and waiting again picks it up.", execution.Id, execution.Status, timeout.TotalSeconds));
                await clock.Delay(wait < left ? wait : left, cancellationToken).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxPoll.Ticks));
            }
        }
    }
}
