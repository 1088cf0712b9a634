using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using ActitoPS.Core.Http;
using ActitoPS.Core.Profiles;
using ActitoPS.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.Http;

public class RetryTests
{
    private static readonly JObject Body = new() { ["attributes"] = new JArray() };

    private static Task<JToken> Post(ActitoPS.Core.Connection.ActitoConnection connection, bool mayRepeat, CancellationToken cancellationToken = default) =>
        connection.Api.SendAsync(HttpMethod.Post, "profiles/v4/entity/MyEntity/table/T/profile?allowUpdate=true", Body, mayRepeat, cancellationToken);

    [Fact]
    public async Task Retryable_statuses_are_retried_with_growing_jittered_backoff()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.ServiceUnavailable)
            .Then(HttpStatusCode.BadGateway)
            .Then(HttpStatusCode.GatewayTimeout)
            .Then(HttpStatusCode.OK, "{\"profileId\":7}");
        var clock = new FakeClock();
        using var connection = TestConnections.Connect(handler, clock);

        var result = await Post(connection, mayRepeat: true);

        Assert.Equal(7, ProfileReader.ReadProfileId(result));
        Assert.Equal(4, handler.ApiCalls.Count());
        // base 1 s doubling, times 0.75 for a jitter draw of 0.5
        Assert.Equal(new[] { 0.75, 1.5, 3.0 }, clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_honoured()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.TooManyRequests, "{\"message\":\"slow down\"}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .Then(HttpStatusCode.OK, "{\"profileId\":1}");
        var clock = new FakeClock();
        using var connection = TestConnections.Connect(handler, clock);

        await Post(connection, mayRepeat: false);

        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Delays);
    }

    [Fact]
    public async Task Retry_after_as_a_date_waits_until_that_date()
    {
        var clock = new FakeClock();
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.ServiceUnavailable, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(clock.UtcNow.AddSeconds(20)))
            .Then(HttpStatusCode.OK, "{\"profileId\":1}");
        using var connection = TestConnections.Connect(handler, clock);

        await Post(connection, mayRepeat: true);

        Assert.Single(clock.Delays);
        Assert.InRange(clock.Delays[0].TotalSeconds, 19, 20);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Other_errors_are_never_retried(HttpStatusCode status)
    {
        var handler = new ScriptedHandler().Then(status, "{\"message\":\"Invalid value for attribute 'nbChildren'\",\"field\":\"nbChildren\"}");
        using var connection = TestConnections.Connect(handler, new FakeClock());

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => Post(connection, mayRepeat: true));

        Assert.Single(handler.ApiCalls);
        Assert.Equal((int)status, error.StatusCode);
        Assert.Equal("Invalid value for attribute 'nbChildren'", error.ActitoMessage);
        Assert.Equal("nbChildren", error.Field);
        Assert.Equal("POST", error.Method);
        Assert.StartsWith("/profiles/v4/entity/MyEntity/table/T/profile", error.Path);
        Assert.Contains("nbChildren", error.ResponseBody);
    }

    [Fact]
    public async Task Attempts_are_capped_and_the_last_answer_is_reported()
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < 10; i++) handler.Then(HttpStatusCode.TooManyRequests, "{\"message\":\"Too many concurrent requests\"}");
        using var connection = TestConnections.Connect(handler, new FakeClock(), maxAttempts: 3);

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => Post(connection, mayRepeat: true));

        Assert.Equal(3, handler.ApiCalls.Count());
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("Too many concurrent requests", error.ActitoMessage);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_total_time_budget_is_not_waited_for()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1)))
            .Then(HttpStatusCode.OK);
        var clock = new FakeClock();
        using var connection = TestConnections.Connect(handler, clock);

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => Post(connection, mayRepeat: true));

        Assert.Equal(429, error.StatusCode);
        Assert.Empty(clock.Delays);
        Assert.Single(handler.ApiCalls);
    }

    [Fact]
    public async Task A_network_failure_on_a_repeatable_request_is_retried()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("connection reset", new IOException("reset")))
            .Then(HttpStatusCode.OK, "{\"profileId\":3}");
        using var connection = TestConnections.Connect(handler, new FakeClock());

        var result = await Post(connection, mayRepeat: true);

        Assert.Equal(3, ProfileReader.ReadProfileId(result));
        Assert.Equal(2, handler.ApiCalls.Count());
    }

    [Fact]
    public async Task A_network_failure_on_a_request_that_may_not_be_repeated_is_reported_as_outcome_unknown()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("connection reset", new IOException("reset")))
            .Then(HttpStatusCode.OK, "{\"profileId\":3}");
        using var connection = TestConnections.Connect(handler, new FakeClock());

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => Post(connection, mayRepeat: false));

        Assert.True(error.OutcomeUnknown);
        Assert.Null(error.StatusCode);
        Assert.Single(handler.ApiCalls);
        Assert.Contains("may or may not", error.Message);
    }

    [Fact]
    public async Task A_refused_connection_never_reached_the_server_so_even_a_create_is_retried()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))
            .Then(HttpStatusCode.OK, "{\"profileId\":4}");
        using var connection = TestConnections.Connect(handler, new FakeClock());

        var result = await Post(connection, mayRepeat: false);

        Assert.Equal(4, ProfileReader.ReadProfileId(result));
    }

    [Fact]
    public async Task A_gateway_error_on_a_request_that_may_not_be_repeated_is_not_resent()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.OK);
        using var connection = TestConnections.Connect(handler, new FakeClock());

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => Post(connection, mayRepeat: false));

        Assert.Equal(502, error.StatusCode);
        Assert.True(error.OutcomeUnknown);
        Assert.Single(handler.ApiCalls);
    }

    [Fact]
    public async Task Each_attempt_is_a_rebuilt_request_with_the_same_body()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK);
        using var connection = TestConnections.Connect(handler, new FakeClock());

        await Post(connection, mayRepeat: true);

        var calls = handler.ApiCalls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].Body, calls[1].Body);
        Assert.Equal("{\"attributes\":[]}", calls[1].Body);
        Assert.StartsWith("Bearer ", calls[1].Authorization);
    }

    [Fact]
    public async Task An_attempt_without_answer_times_out_and_a_repeatable_request_is_sent_again()
    {
        var handler = new ScriptedHandler().ThenHang().Then(HttpStatusCode.OK, "{\"profileId\":5}");
        using var connection = TestConnections.Connect(handler, new FakeClock(), attemptTimeout: TimeSpan.FromMilliseconds(100));

        var result = await Post(connection, mayRepeat: true);

        Assert.Equal(5, ProfileReader.ReadProfileId(result));
        Assert.Equal(2, handler.ApiCalls.Count());
    }

    [Fact]
    public async Task An_attempt_without_answer_on_a_request_that_may_not_be_repeated_is_outcome_unknown()
    {
        var handler = new ScriptedHandler().ThenHang().Then(HttpStatusCode.OK);
        using var connection = TestConnections.Connect(handler, new FakeClock(), attemptTimeout: TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => Post(connection, mayRepeat: false));

        Assert.True(error.OutcomeUnknown);
        Assert.Contains("no answer within 0.1 s", error.Message);
        Assert.Single(handler.ApiCalls);
    }

    [Fact]
    public async Task Cancelling_a_request_without_answer_is_a_cancellation_not_a_timeout()
    {
        var handler = new ScriptedHandler().ThenHang();
        using var connection = TestConnections.Connect(handler, new FakeClock());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Post(connection, mayRepeat: false, cancellation.Token));
        Assert.Single(handler.ApiCalls);
    }

    [Fact]
    public async Task Cancelling_stops_a_retry_wait()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK);
        using var connection = TestConnections.Connect(handler, new FakeClock());
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Post(connection, mayRepeat: true, cancellation.Token));
    }
}
