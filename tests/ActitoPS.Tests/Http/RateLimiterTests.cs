using ActitoPS.Core.Http;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.Http;

public class RateLimiterTests
{
    [Fact]
    public async Task Calls_past_the_per_minute_limit_wait_for_the_window()
    {
        var clock = new FakeClock();
        var limiter = new RateLimiter(0, 3, clock);
        var throttled = new List<TimeSpan>();

        for (var i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync(default, throttled.Add)).Dispose();
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Empty(throttled);

        (await limiter.AcquireAsync(default, throttled.Add)).Dispose();

        // The first call was at t=0, now is t=30: the 4th call waits the 30 s left in that call's minute.
        Assert.Equal(new[] { TimeSpan.FromSeconds(30) }, throttled);
        Assert.Equal(new[] { TimeSpan.FromSeconds(30) }, clock.Delays);
    }

    [Fact]
    public async Task No_more_than_the_limit_are_in_flight()
    {
        var limiter = new RateLimiter(2, 0, new FakeClock());
        var first = await limiter.AcquireAsync(default);
        var second = await limiter.AcquireAsync(default);

        var third = limiter.AcquireAsync(default);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        second.Dispose();
        second.Dispose(); // a slot released twice must not make room for a third
        var a = await limiter.AcquireAsync(default);
        var b = await limiter.AcquireAsync(default);
        var c = limiter.AcquireAsync(default);
        await Task.Delay(50);
        Assert.False(c.IsCompleted);
        a.Dispose(); b.Dispose(); (await c).Dispose();
    }

    [Fact]
    public async Task A_wait_for_a_slot_is_cancellable()
    {
        var limiter = new RateLimiter(1, 0, new FakeClock());
        using var held = await limiter.AcquireAsync(default);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(cancellation.Token));
    }
}

public class AdaptiveCeilingTests
{
    [Fact]
    public async Task A_refusal_with_K_in_flight_lowers_the_ceiling_to_K_minus_one_and_only_that_many_go_out()
    {
        var limiter = new RateLimiter(9, 0, new FakeClock());
        var slots = new List<RateLimiter.Slot>();
        for (var i = 0; i < 7; i++) slots.Add(await limiter.AcquireAsync(default));

        Assert.Equal(6, limiter.Refused(slots[6]));
        Assert.Equal(6, limiter.CurrentCeiling);
        Assert.Null(limiter.Refused(slots[6])); // a second refusal at the same level changes nothing

        slots[0].Dispose();
        slots[1].Dispose(); // 5 in flight now, ceiling 6: one more may go
        var sixth = await limiter.AcquireAsync(default).WaitAsync(TimeSpan.FromSeconds(5));
        var seventh = limiter.AcquireAsync(default);
        await Task.Delay(50);
        Assert.False(seventh.IsCompleted);

        slots[2].Dispose();
        (await seventh.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        sixth.Dispose();
        foreach (var slot in slots) slot.Dispose();
    }

    [Fact]
    public async Task A_run_of_accepted_requests_raises_the_ceiling_one_step_at_a_time_up_to_the_maximum()
    {
        var limiter = new RateLimiter(5, 0, new FakeClock());
        using (var a = await limiter.AcquireAsync(default))
        using (var b = await limiter.AcquireAsync(default))
        using (var c = await limiter.AcquireAsync(default))
        {
            limiter.Refused(c);
        }
        Assert.Equal(2, limiter.CurrentCeiling);

        for (var i = 1; i < limiter.AcceptedBeforeRaise; i++) limiter.Accepted();
        Assert.Equal(2, limiter.CurrentCeiling);
        limiter.Accepted();
        Assert.Equal(3, limiter.CurrentCeiling);

        for (var i = 0; i < limiter.AcceptedBeforeRaise * 10; i++) limiter.Accepted();
        Assert.Equal(5, limiter.CurrentCeiling);
    }

    [Fact]
    public async Task A_waiter_cancelled_in_the_queue_does_not_take_a_slot_with_it()
    {
        var limiter = new RateLimiter(1, 0, new FakeClock());
        var held = await limiter.AcquireAsync(default);
        using var cancellation = new CancellationTokenSource();
        var cancelled = limiter.AcquireAsync(cancellation.Token);
        var next = limiter.AcquireAsync(default);

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();

        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await limiter.AcquireAsync(default).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}

public class InFlightCountTests
{
    [Fact]
    public async Task A_queued_request_knows_how_many_were_in_flight_when_it_was_let_through()
    {
        var limiter = new RateLimiter(2, 0, new FakeClock());
        var first = await limiter.AcquireAsync(default);
        var second = await limiter.AcquireAsync(default);
        Assert.Equal(2, second.InFlightWhenSent);
        var third = limiter.AcquireAsync(default);

        first.Dispose();  // lets the third through: 2 in flight at that moment
        second.Dispose(); // leaves before the third's continuation runs
        var granted = await third.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, granted.InFlightWhenSent);
        granted.Dispose();
    }
}
