using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ActitoPS.Core.Hosting
{
    /// <summary>
    /// Runs a pipeline's items concurrently (up to a limit) while handing their outcomes back in input
    /// order, on the caller's thread. Memory stays bounded: once too many outcomes wait behind a slow
    /// first item, submitting waits for it.
    /// </summary>
    internal sealed class OrderedWorkQueue<T>
    {
        private static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(200);

        private readonly SemaphoreSlim _slots;
        private readonly int _maxWaiting;
        private readonly Queue<Item> _items = new Queue<Item>();
        private readonly Action _pump;

        /// <param name="pump">Called on the caller's thread while it waits, to write queued traces and progress.</param>
        public OrderedWorkQueue(int maxInFlight, Action pump)
        {
            if (maxInFlight < 1) throw new ArgumentOutOfRangeException(nameof(maxInFlight));
            _slots = new SemaphoreSlim(maxInFlight, maxInFlight);
            // Enough finished rows (a few KB each) to keep going while one row waits out its retries;
            // past that, submitting waits for it.
            _maxWaiting = Math.Max(maxInFlight * 8, 1000);
            _pump = pump;
        }

        public int Pending => _items.Count;

        public void Submit(int rowNumber, object? input, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            if (_items.Count >= _maxWaiting) Wait(_items.Peek().Task, cancellationToken);
            while (!_slots.Wait(PumpInterval, cancellationToken)) _pump();
            var task = Task.Run(async () =>
            {
                try
                {
                    return await work(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            });
            _items.Enqueue(new Item(rowNumber, input, task));
        }

        /// <summary>An item already decided (a row refused before sending): it takes its turn in the output order without a slot.</summary>
        public void Add(int rowNumber, object? input, Task<T> finished) => _items.Enqueue(new Item(rowNumber, input, finished));

        /// <summary>Hands over finished items in input order: those already done, or all of them when <paramref name="all"/>.</summary>
        public void Drain(bool all, Action<Item> onFinished, CancellationToken cancellationToken)
        {
            while (_items.Count > 0)
            {
                var head = _items.Peek();
                if (!head.Task.IsCompleted)
                {
                    if (!all) return;
                    Wait(head.Task, cancellationToken);
                }
                _items.Dequeue();
                onFinished(head);
            }
        }

        private void Wait(Task task, CancellationToken cancellationToken)
        {
            while (!task.IsCompleted)
            {
                try
                {
                    task.Wait((int)PumpInterval.TotalMilliseconds, cancellationToken);
                }
                catch (AggregateException)
                {
                    // The item failed: its caller reads the failure from the task when it is drained.
                }
                _pump();
            }
        }

        public sealed class Item
        {
            public Item(int rowNumber, object? input, Task<T> task)
            {
                RowNumber = rowNumber;
                Input = input;
                Task = task;
            }

            public int RowNumber { get; }

            public object? Input { get; }

            public Task<T> Task { get; }
        }
    }
}
