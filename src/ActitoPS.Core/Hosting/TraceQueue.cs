using System;
using System.Collections.Concurrent;

namespace ActitoPS.Core.Hosting
{
    /// <summary>
    /// Collects trace lines raised on HTTP worker threads so the pipeline thread can write them
    /// as verbose messages: PowerShell only accepts writes from the thread running the cmdlet.
    /// </summary>
    public sealed class TraceQueue
    {
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();

        public Action<string> Listener => _lines.Enqueue;

        public void FlushTo(IActitoHost host)
        {
            while (_lines.TryDequeue(out var line)) host.WriteVerbose(line);
        }
    }
}
