using System.Net;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using ActitoPS.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.Http;

public class TokenTests
{
    [Theory]
    [InlineData("\"900s\"", 900)]
    [InlineData("\"60S\"", 60)]
    [InlineData("\"1.5s\"", 1.5)]
    [InlineData("120", 120)]
    public void ExpiresIn_is_read_in_Actitos_form_and_as_a_number(string json, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), TokenProvider.ParseLifetime(JToken.Parse(json)));
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("\"-5s\"")]
    [InlineData("null")]
    public void Unreadable_lifetimes_give_none(string json)
    {
        Assert.Null(TokenProvider.ParseLifetime(JToken.Parse(json)));
    }

    [Fact]
    public async Task The_raw_key_goes_to_auth_token_and_the_bearer_token_to_every_call()
    {
        var handler = new ScriptedHandler();
        using var connection = TestConnections.Connect(handler, new FakeClock());

        await connection.Api.SendAsync(HttpMethod.Get, "profiles/v4/entity/MyEntity/table/T/profile/1", null, true, default);

        Assert.Equal(TestConnections.Key, handler.Sent[0].Authorization);
        Assert.Equal("/auth/token", handler.Sent[0].Path);
        Assert.Equal("Bearer " + handler.IssuedTokens[0], handler.Sent[1].Authorization);
    }

    [Fact]
    public async Task The_token_is_renewed_before_it_expires()
    {
        var handler = new ScriptedHandler { TokenLifetime = "900s" };
        var clock = new FakeClock();
        using var connection = TestConnections.Connect(handler, clock);

        clock.Advance(TimeSpan.FromSeconds(800));
        await connection.Api.SendAsync(HttpMethod.Get, "x", null, true, default);
        Assert.Single(handler.IssuedTokens);

        clock.Advance(TimeSpan.FromSeconds(45)); // 845 s: inside the last minute of a 900 s token
        await connection.Api.SendAsync(HttpMethod.Get, "x", null, true, default);

        Assert.Equal(2, handler.IssuedTokens.Count);
        Assert.Equal("Bearer " + handler.IssuedTokens[1], handler.ApiCalls.Last().Authorization);
        Assert.Equal(clock.UtcNow.AddSeconds(900), connection.TokenExpiresAt);
    }

    [Fact]
    public async Task A_401_renews_the_token_once_and_tries_once_more()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.Unauthorized, "{\"message\":\"Token expired\"}")
            .Then(HttpStatusCode.OK, "{\"profileId\":9}");
        using var connection = TestConnections.Connect(handler, new FakeClock());

        var result = await connection.Api.SendAsync(HttpMethod.Post, "p", new JObject(), false, default);

        Assert.Equal(9, (long)result["profileId"]!);
        Assert.Equal(2, handler.IssuedTokens.Count);
        var calls = handler.ApiCalls.ToList();
        Assert.Equal("Bearer " + handler.IssuedTokens[0], calls[0].Authorization);
        Assert.Equal("Bearer " + handler.IssuedTokens[1], calls[1].Authorization);
    }

    [Fact]
    public async Task A_second_401_is_an_error_not_a_loop()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.Unauthorized, "{\"message\":\"Token expired\"}")
            .Then(HttpStatusCode.Unauthorized, "{\"message\":\"Forbidden for this user\"}")
            .Then(HttpStatusCode.OK);
        using var connection = TestConnections.Connect(handler, new FakeClock());

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => connection.Api.SendAsync(HttpMethod.Get, "p", null, true, default));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal(2, handler.ApiCalls.Count());
    }

    [Fact]
    public async Task A_rejected_key_says_where_it_came_from_and_never_shows_it()
    {
        var handler = new ScriptedHandler
        {
            TokenAnswer = request => new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                // A server that echoes what it was given must not make us print the key.
                Content = new StringContent("{\"message\":\"Invalid API key " + request.Headers.GetValues("Authorization").Single() + "\"}"),
            },
        };
        var options = TestConnections.Options(handler, new FakeClock());

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => ActitoConnection.ConnectAsync("MyEntity", new Uri("https://api3.actito.com"),
            new ResolvedApiKey(new ApiKey(TestConnections.Key), "-Credential 'svc'"), options));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("-Credential 'svc'", error.Message);
        Assert.DoesNotContain(TestConnections.Key, error.ToString());
        Assert.DoesNotContain(TestConnections.Key, error.ResponseBody);
    }
}
