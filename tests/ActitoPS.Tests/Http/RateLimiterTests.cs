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
