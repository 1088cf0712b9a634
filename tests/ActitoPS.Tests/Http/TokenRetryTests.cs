using System.Net;
using System.Net.Sockets;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using ActitoPS.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.Http;

/// <summary>A token call that meets a fault is retried whole, key included, and its failure names the real cause.</summary>
public class TokenRetryTests
{
    public static TheoryData<string> TokenFaults => new() { "503", "429", "drop", "stall" };

    private static ScriptedHandler WithTokenFault(string fault)
    {
        var handler = new ScriptedHandler();
        return fault switch
        {
            "503" => handler.TokenFailsWith(HttpStatusCode.ServiceUnavailable),
            "429" => handler.TokenFailsWith(HttpStatusCode.TooManyRequests, retryAfter: "1"),
            "drop" => handler.TokenThrows(new HttpRequestException("The response ended prematurely.", new SocketException((int)SocketError.ConnectionReset))),
            _ => handler.TokenHangs(),
        };
    }

    [Theory]
    [MemberData(nameof(TokenFaults))]
    public void A_retried_token_request_carries_the_API_key_as_the_first_did(string fault)
    {
        var handler = WithTokenFault(fault);

        using var connection = TestConnections.Connect(handler, new FakeClock(), attemptTimeout: TimeSpan.FromMilliseconds(100));

        var tokenCalls = handler.Sent.Where(s => s.Path == "/auth/token").ToList();
        Assert.Equal(2, tokenCalls.Count);
        Assert.All(tokenCalls, call => Assert.Equal(TestConnections.Key, call.Authorization));
        Assert.Single(handler.IssuedTokens);
        Assert.NotNull(connection.TokenExpiresAt);
    }

    [Fact]
    public async Task A_token_call_that_never_gets_through_says_Actito_is_unavailable_not_that_the_key_was_rejected()
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < 5; i++) handler.TokenFailsWith(HttpStatusCode.ServiceUnavailable);
        var options = TestConnections.Options(handler, new FakeClock(), maxAttempts: 5);

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => ActitoConnection.ConnectAsync("MyEntity", new Uri("https://api3.actito.com"),
            new ResolvedApiKey(new ApiKey(TestConnections.Key), "-ApiKey parameter"), options));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(5, error.Attempts);
        Assert.Contains("did not issue an access token", error.Message);
        Assert.Contains("5 time(s)", error.Message);
        Assert.DoesNotContain("rejected the API key", error.Message);
        Assert.All(handler.Sent, call => Assert.Equal(TestConnections.Key, call.Authorization));
    }

    [Fact]
    public async Task A_token_refresh_that_meets_a_503_mid_run_is_retried_with_the_key_and_the_call_goes_through()
    {
        var handler = new ScriptedHandler { TokenLifetime = "900s" };
        var clock = new FakeClock();
        using var connection = TestConnections.Connect(handler, clock);
        clock.Advance(TimeSpan.FromSeconds(890)); // the token is due for renewal
        handler.TokenFailsWith(HttpStatusCode.ServiceUnavailable);

        await connection.Api.SendAsync(HttpMethod.Get, "x", null, true, default);

        var tokenCalls = handler.Sent.Where(s => s.Path == "/auth/token").ToList();
        Assert.Equal(3, tokenCalls.Count);
        Assert.All(tokenCalls, call => Assert.Equal(TestConnections.Key, call.Authorization));
        Assert.Equal("Bearer " + handler.IssuedTokens[1], handler.ApiCalls.Last().Authorization);
    }

    [Fact]
    public async Task Tokens_that_expire_twice_in_a_row_are_renewed_again_within_the_budget()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.Unauthorized, "{\"message\":\"Token expired\"}")
            .Then(HttpStatusCode.Unauthorized, "{\"message\":\"Token expired\"}")
            .Then(HttpStatusCode.OK, "{\"tables\":[]}");
        using var connection = TestConnections.Connect(handler, new FakeClock());

        var result = await connection.Api.SendAsync(HttpMethod.Get, "profile-table-structure", null, true, default);

        Assert.NotNull(result["tables"]);
        Assert.Equal(3, handler.IssuedTokens.Count);
        Assert.Equal("Bearer " + handler.IssuedTokens[2], handler.ApiCalls.Last().Authorization);
    }

    [Fact]
    public async Task Renewals_stop_at_the_cap_when_every_token_is_called_expired()
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < 10; i++) handler.Then(HttpStatusCode.Unauthorized, "{\"message\":\"Token expired\"}");
        using var connection = TestConnections.Connect(handler, new FakeClock());

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => connection.Api.SendAsync(HttpMethod.Get, "p", null, true, default));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal(AuthenticationHandler.MaxRenewals + 1, handler.ApiCalls.Count());
    }

    [Fact]
    public async Task A_call_that_fails_after_an_attempt_with_an_unknown_outcome_says_it_may_have_been_applied()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("The response ended prematurely.", new SocketException((int)SocketError.ConnectionReset)))
            .Then(HttpStatusCode.TooManyRequests, "{\"message\":\"Too many requests\"}")
            .Then(HttpStatusCode.TooManyRequests, "{\"message\":\"Too many requests\"}");
        using var connection = TestConnections.Connect(handler, new FakeClock(), maxAttempts: 3);

        var error = await Assert.ThrowsAsync<ActitoApiException>(() =>
            connection.Api.SendAsync(HttpMethod.Post, "profile?allowUpdate=true", new JObject(), mayRepeat: true, default));

        Assert.Equal(429, error.StatusCode);
        Assert.True(error.EarlierAttemptUncertain);
        Assert.True(error.MayHaveBeenApplied);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("earlier attempt may have been applied", error.Message);
    }

    [Fact]
    public async Task A_call_refused_outright_on_every_attempt_does_not_claim_it_may_have_been_applied()
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < 3; i++) handler.Then(HttpStatusCode.TooManyRequests, "{\"message\":\"Too many requests\"}");
        using var connection = TestConnections.Connect(handler, new FakeClock(), maxAttempts: 3);

        var error = await Assert.ThrowsAsync<ActitoApiException>(() =>
            connection.Api.SendAsync(HttpMethod.Post, "profile?allowUpdate=true", new JObject(), mayRepeat: true, default));

        Assert.Equal(429, error.StatusCode);
        Assert.False(error.MayHaveBeenApplied);
        Assert.DoesNotContain("may have been applied", error.Message);
    }
}
