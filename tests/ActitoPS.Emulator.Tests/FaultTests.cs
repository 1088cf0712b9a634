using System.Globalization;
using System.Net;
using System.Text;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

public sealed class FaultTests : EmulatorTest
{
    [Theory]
    [InlineData(503, "1")]
    [InlineData(429, "7")]
    public async Task A_status_fault_answers_its_status_with_Retry_After_in_seconds(int status, string retryAfter)
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = status, RetryAfter = retryAfter });

        using var response = await Http.GetAsync(StructurePath);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(retryAfter, Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal(TimeSpan.FromSeconds(int.Parse(retryAfter, CultureInfo.InvariantCulture)), response.Headers.RetryAfter!.Delta);
        Assert.Equal("Injected fault", (await ReadJsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_status_fault_sends_an_HTTP_date_Retry_After_verbatim()
    {
        await AuthenticateAsync();
        var when = new DateTimeOffset(2030, 6, 1, 12, 30, 0, TimeSpan.Zero);
        var retryAfter = when.ToString("R", CultureInfo.InvariantCulture);
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 503, RetryAfter = retryAfter });

        using var response = await Http.GetAsync(StructurePath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(retryAfter, Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal(when, response.Headers.RetryAfter!.Date);
    }

    [Fact]
    public async Task A_status_fault_without_retryAfter_sends_no_Retry_After()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 429 });

        using var response = await Http.GetAsync(StructurePath);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_fault_hits_as_many_requests_as_its_count_then_stops()
    {
        const int count = 2;
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 502, Count = count });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= count; i++)
        {
            using var response = await Http.GetAsync(StructurePath);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadGateway, count).Append(HttpStatusCode.OK), statuses);
        Assert.Empty(Admin.GetFaults());
        var logged = Admin.GetRequestLog().Skip(1).ToList();
        Assert.Equal(count, logged.Count(e => e.Fault is not null));
        Assert.Null(logged[^1].Fault);
    }

    [Fact]
    public async Task Method_and_path_filters_choose_which_requests_a_fault_hits()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 500, Method = "POST", PathContains = "/TABLE/" });

        using var otherMethod = await Http.GetAsync(StructurePath);
        using var otherPath = await Http.PostAsync(StructurePath, Json("{}"));
        using var hit = await PostProfileAsync(Body(("customerId", 1)));

        Assert.Equal(HttpStatusCode.OK, otherMethod.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, otherPath.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, hit.StatusCode);
        Assert.Empty(Profiles());
    }

    [Fact]
    public async Task Faults_come_before_auth()
    {
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 503, PathContains = "profile-tables" });

        using var response = await Http.GetAsync(StructurePath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_latency_fault_holds_the_request_then_handles_it_normally()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 1500 });

        var pending = Http.GetAsync(StructurePath);
        await Eventually.WaitUntilAsync(() => Admin.InFlightRequests == 1, "the request is in flight");
        Assert.False(pending.IsCompleted);
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("latency 1500 ms", Admin.GetRequestLog()[^1].Fault);
    }

    [Fact]
    public async Task A_latency_fault_ends_when_the_client_goes_away()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 60_000 });
        using var giveUp = new CancellationTokenSource();
        var pending = Http.GetAsync(StructurePath, giveUp.Token);
        await Eventually.WaitUntilAsync(() => Admin.InFlightRequests == 1, "the request is in flight");

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await Eventually.WaitUntilAsync(() => Admin.InFlightRequests == 0, "the server let go of the request");
    }

    [Fact]
    public async Task A_drop_fault_closes_the_connection_without_an_answer()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, Method = "POST" });

        await Assert.ThrowsAsync<HttpRequestException>(() => PostProfileAsync(Body(("customerId", 1))));

        Assert.Empty(Profiles());
        var entry = Admin.GetRequestLog()[^1];
        Assert.Equal(("drop", 0), (entry.Fault, entry.Status));
        using var next = await PostProfileAsync(Body(("customerId", 1)));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task A_drop_after_apply_applies_the_write_once_though_the_client_hears_nothing()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, Method = "POST", PathContains = "/profile", AfterApply = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => PostProfileAsync(Fixtures.Read(Fixtures.CreateOrUpdateProfile)));

        var profile = Assert.Single(Profiles());
        Assert.Equal(1, profile.WriteCount);
        var entry = Admin.GetRequestLog()[^1];
        Assert.Equal(("drop after apply", 200), (entry.Fault, entry.Status));
    }

    [Fact]
    public async Task A_status_after_apply_applies_the_write_but_answers_the_injected_status()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 504, Method = "POST", AfterApply = true });

        using var response = await PostProfileAsync(Body(("customerId", 1)));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("Injected fault", (await ReadJsonAsync(response)).GetProperty("message").GetString());
        Assert.Equal(1, Assert.Single(Profiles()).WriteCount);
    }

    [Fact]
    public async Task An_expireToken_fault_answers_401_Token_expired_once_without_touching_the_token()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.ExpireToken });

        using var expired = await Http.GetAsync(StructurePath);
        using var next = await Http.GetAsync(StructurePath);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Token expired", (await ReadJsonAsync(expired)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task An_expireToken_fault_leaves_the_token_request_alone()
    {
        Admin.AddFault(new FaultSpec { Kind = FaultKind.ExpireToken });

        await GetTokenAsync();

        Assert.Equal(1, Assert.Single(Admin.GetFaults()).Count);
    }

    [Fact]
    public async Task The_HTTP_fault_API_adds_lists_and_clears_faults()
    {
        const string fault = """{"kind":"status","method":"POST","pathContains":"/profile","count":2,"status":503,"retryAfter":"1","afterApply":false}""";

        using var added = await Http.PostAsync("_emulator/faults", new StringContent(fault, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        using var listed = await Http.GetAsync("_emulator/faults");
        var live = Assert.Single((await ReadJsonAsync(listed)).EnumerateArray());
        Assert.Equal("status", live.GetProperty("kind").GetString());
        Assert.Equal(2, live.GetProperty("count").GetInt32());
        Assert.Equal("1", live.GetProperty("retryAfter").GetString());

        using var cleared = await Http.DeleteAsync("_emulator/faults");
        Assert.True(cleared.IsSuccessStatusCode);
        Assert.Empty(Admin.GetFaults());
    }

    [Theory]
    [InlineData("""{"kind":"explode"}""")]
    [InlineData("""{"status":503}""")]
    [InlineData("""{"kind":"latency"}""")]
    [InlineData("""{"kind":"status","count":0}""")]
    [InlineData("""{"kind":"latency","latencyMs":10,"afterApply":true}""")]
    [InlineData("""{"kind":"status","probability":0}""")]
    [InlineData("""{"kind":"status","probability":1.5}""")]
    public async Task The_HTTP_fault_API_refuses_a_fault_it_cannot_inject(string fault)
    {
        using var response = await Http.PostAsync("_emulator/faults", new StringContent(fault, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_FAULT", (await ReadJsonAsync(response)).GetProperty("errorCode").GetString());
        Assert.Empty(Admin.GetFaults());
    }

    [Fact]
    public async Task A_fault_with_a_probability_hits_about_that_share_of_matching_requests_and_is_logged_with_it()
    {
        await AuthenticateAsync();
        Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0 });
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 503, Probability = 0.3, Count = int.MaxValue, PathContains = "profile-table-structure" });

        var statuses = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            using var response = await Http.GetAsync(StructurePath);
            statuses.Add((int)response.StatusCode);
        }

        Assert.InRange(statuses.Count(s => s == 503), 30, 90);
        Assert.Equal(200, statuses.Count(s => s == 503) + statuses.Count(s => s == 200));
        Assert.All(Admin.GetRequestLog().Where(e => e.Status == 503), e => Assert.Equal("status 503 (p=0.3)", e.Fault));
    }

    [Fact]
    public void The_mixed_preset_offers_every_kind_of_fault_at_the_rate_asked()
    {
        var faults = FaultPresets.Mixed(rate: 0.15, stallMs: 700);

        Assert.Equal("/auth/token", faults[0].PathContains);
        var perRequest = faults.Skip(1).ToList();
        Assert.Equal(
            ["status 429, Retry-After: 1", "status 429", "status 503", "drop", "drop after apply", "status 503 after apply", "latency 700 ms", "expireToken"],
            perRequest.Select(f => f.Describe()[..f.Describe().IndexOf(" (p=", StringComparison.Ordinal)]));
        var escape = perRequest.Aggregate(1.0, (left, f) => left * (1 - f.Probability!.Value));
        Assert.Equal(0.85, escape, 6);
        foreach (var fault in faults) Admin.AddFault(fault);
        Assert.Equal(faults.Count, Admin.GetFaults().Count);
    }
}
