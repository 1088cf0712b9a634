using ActitoPS.Core.Hosting;

namespace ActitoPS.Tests.Hosting;

public class OrderedWorkQueueTests
{
    [Fact]
    public void Outcomes_come_back_in_input_order_even_when_work_finishes_out_of_order()
    {
        var queue = new OrderedWorkQueue<int>(4, () => { });
        var gates = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource<int>()).ToArray();
        for (var i = 0; i < 4; i++)
        {
            var index = i;
            queue.Submit(i + 1, null, _ => gates[index].Task, default);
        }

        gates[3].SetResult(3);
        gates[1].SetResult(1);
        var drained = new List<int>();
        queue.Drain(false, item => drained.Add(item.RowNumber), default);
        Assert.Empty(drained); // row 1 is not done: nothing may overtake it

        gates[0].SetResult(0);
        gates[2].SetException(new InvalidOperationException("row 3 failed"));
        queue.Drain(true, item => drained.Add(item.RowNumber), default);

        Assert.Equal(new[] { 1, 2, 3, 4 }, drained);
    }

    [Fact]
    public void No_more_than_the_limit_run_at_once()
    {
        var running = 0;
        var peak = 0;
        var queue = new OrderedWorkQueue<int>(3, () => { });
        for (var i = 0; i < 20; i++)
        {
            queue.Submit(i, null, async _ =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                await Task.Delay(5);
                Interlocked.Decrement(ref running);
                return 0;
            }, default);
        }
        queue.Drain(true, _ => { }, default);
        Assert.InRange(peak, 1, 3);
    }

    [Fact]
    public async Task Finished_rows_waiting_behind_a_slow_first_row_are_bounded()
    {
        var queue = new OrderedWorkQueue<int>(2, () => { });
        var head = new TaskCompletionSource<int>();
        var submitted = 0;
        var submitting = Task.Run(() =>
        {
            queue.Submit(1, null, _ => head.Task, default);
            Interlocked.Increment(ref submitted);
            for (var row = 2; row <= 1500; row++)
            {
                queue.Submit(row, null, _ => Task.FromResult(row), default);
                Interlocked.Increment(ref submitted);
            }
        });

        // Let the submitter reach the bound, then give it room to overshoot: it must not.
        for (var i = 0; i < 500 && Volatile.Read(ref submitted) < 1000; i++) await Task.Delay(10);
        await Task.Delay(200);
        Assert.Equal(1000, Volatile.Read(ref submitted));
        Assert.False(submitting.IsCompleted);

        head.SetResult(1);
        await submitting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1500, submitted);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
