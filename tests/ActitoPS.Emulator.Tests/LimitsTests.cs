using System.Net;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

public sealed class LimitsTests : EmulatorTest
{
    [Fact]
    public async Task A_request_over_the_concurrency_limit_is_refused_at_once_with_429_and_no_Retry_After()
    {
        var limit = Admin.Settings.MaxConcurrentRequests;
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 60_000, Count = limit, PathContains = "profile-tables" });
        using var release = new CancellationTokenSource();
        var held = Enumerable.Range(0, limit).Select(_ => Http.GetAsync(StructurePath, release.Token)).ToList();
        await Eventually.WaitUntilAsync(() => Admin.InFlightRequests == limit, $"{limit} requests are in flight");

        using var refused = await Http.GetAsync(StructurePath);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Null(refused.Headers.RetryAfter);
        Assert.Equal("Too many concurrent requests", (await ReadJsonAsync(refused)).GetProperty("message").GetString());
        Assert.All(held, h => Assert.False(h.IsCompleted));

        await release.CancelAsync();
        await Eventually.WaitUntilAsync(() => Admin.InFlightRequests == 0, "the held requests have ended");
        using var accepted = await Http.GetAsync(StructurePath);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains(Admin.GetRequestLog(), e => e.Status == 429 && e.Limit is not null);
    }

    [Fact]
    public async Task A_call_over_callsPerMinute_is_held_not_refused_until_the_window_has_room()
    {
        // The token request counts as a call too.
        const int calls = 3;
        Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = calls });
        await AuthenticateAsync();
        for (var i = 1; i < calls; i++)
        {
            using var admitted = await Http.GetAsync(StructurePath);
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        }

        var excess = Http.GetAsync(StructurePath);
        await Eventually.WaitUntilAsync(() => Admin.RateLimitedRequests == 1, "the excess call is held");
        Assert.False(excess.IsCompleted);

        // Raising the limit gives the window room at once.
        Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = calls + 1 });
        using var response = await excess;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("slowed", Admin.GetRequestLog()[^1].Limit);
    }

    [Fact]
    public async Task A_held_call_ends_when_its_client_goes_away()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 1 });
        await AuthenticateAsync();
        using var giveUp = new CancellationTokenSource();
        var excess = Http.GetAsync(StructurePath, giveUp.Token);
        await Eventually.WaitUntilAsync(() => Admin.RateLimitedRequests == 1, "the excess call is held");

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => excess);
        await Eventually.WaitUntilAsync(() => Admin.RateLimitedRequests == 0 && Admin.InFlightRequests == 0, "the server let go of the call");
        await Eventually.WaitUntilAsync(() => Admin.GetRequestLog().Count == 2, "the abandoned call is logged");
        Assert.Equal(0, Admin.GetRequestLog()[^1].Status);
    }

    [Fact]
    public async Task Zero_calls_per_minute_means_unlimited()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0 });
        await AuthenticateAsync();

        for (var i = 0; i < 10; i++)
        {
            using var response = await Http.GetAsync(StructurePath);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.DoesNotContain(Admin.GetRequestLog(), e => e.Limit is not null);
    }

    [Fact]
    public async Task Admin_calls_are_not_counted_against_the_limits()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 1 });
        await AuthenticateAsync();

        for (var i = 0; i < 5; i++)
        {
            using var health = await Http.GetAsync("_emulator/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        Assert.Equal(0, Admin.RateLimitedRequests);
        Assert.Single(Admin.GetRequestLog());
    }
}
