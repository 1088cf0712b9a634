using System;
using System.Collections.Generic;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Fans trace lines out to whoever listens (a running cmdlet queues them for -Verbose).
    /// Lines are raised on HTTP worker threads, so listeners must only queue, never write to a host.
    /// </summary>
    public sealed class TraceHub
    {
        private readonly Redactor _redactor;
        private readonly object _gate = new object();
        private List<Action<string>> _listeners = new List<Action<string>>();

        public TraceHub(Redactor redactor) => _redactor = redactor;

        public IDisposable Subscribe(Action<string> listener)
        {
            if (listener == null) throw new ArgumentNullException(nameof(listener));
            lock (_gate) _listeners = new List<Action<string>>(_listeners) { listener };
            return new Subscription(this, listener);
        }

        public void Write(string line)
        {
            var listeners = _listeners;
            if (listeners.Count == 0) return;
            var safe = _redactor.Redact(line);
            foreach (var listener in listeners) listener(safe);
        }

        private void Unsubscribe(Action<string> listener)
        {
            lock (_gate)
            {
                var copy = new List<Action<string>>(_listeners);
                copy.Remove(listener);
                _listeners = copy;
            }
        }

        private sealed class Subscription : IDisposable
        {
            private TraceHub? _hub;
            private readonly Action<string> _listener;

            public Subscription(TraceHub hub, Action<string> listener)
            {
                _hub = hub;
                _listener = listener;
            }

            public void Dispose()
            {
                _hub?.Unsubscribe(_listener);
                _hub = null;
            }
        }
    }
}
