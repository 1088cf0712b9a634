using System;
using System.Threading;
using System.Threading.Tasks;

namespace ActitoPS.Core.Hosting
{
    /// <summary>What one row of a row cmdlet will do, once it passed every check that costs no call.</summary>
    public sealed class RowPlan
    {
        public RowPlan(Func<CancellationToken, Task<object>> run, string? target = null, string? action = null)
        {
            Run = run;
            Target = target;
            Action = action;
        }

        /// <summary>Sends the row and builds its output object; runs on a worker.</summary>
        public Func<CancellationToken, Task<object>> Run { get; }

        /// <summary>-WhatIf / -Confirm's target; null for a row that changes nothing (a read).</summary>
        public string? Target { get; }

        public string? Action { get; }
    }
}
