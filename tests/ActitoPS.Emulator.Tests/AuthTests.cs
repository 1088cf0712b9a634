using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

public sealed class AuthTests : EmulatorTest
{
    private const int LicenceLifetimeSeconds = 1234;
    private readonly ManualClock _clock = new();

    protected override EmulatorOptions CreateOptions() => new()
    {
        Licence = TestLicences.Sample().WithLimits(tokenLifetimeSeconds: LicenceLifetimeSeconds),
        TimeProvider = _clock,
    };

    [Fact]
    public async Task A_known_key_buys_a_bearer_token_that_lives_as_long_as_the_licence_says()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "auth/token");
        request.Headers.TryAddWithoutValidation("Authorization", TestLicences.ApiKey);
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(LicenceLifetimeSeconds.ToString(CultureInfo.InvariantCulture) + "s", body.GetProperty("expiresIn").GetString());
        Assert.Equal("bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal("read write", body.GetProperty("scope").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("jti").GetString(), out _));

        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        using var call = await Http.GetAsync(StructurePath);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Fact]
    public async Task The_admin_lists_every_token_issued_since_the_last_reset_in_order()
    {
        var first = await GetTokenAsync();
        var second = await GetTokenAsync();

        Assert.Equal([first, second], Admin.GetIssuedTokens());

        Admin.Reset();
        Assert.Empty(Admin.GetIssuedTokens());
    }

    [Fact]
    public async Task Each_token_request_gets_a_different_token_and_jti()
    {
        var first = await GetTokenAsync();
        var second = await GetTokenAsync();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_lifetime_follows_the_live_settings()
    {
        const int changed = 60;
        Admin.UpdateSettings(new EmulatorSettingsUpdate { TokenLifetimeSeconds = changed });

        using var request = new HttpRequestMessage(HttpMethod.Get, "auth/token");
        request.Headers.TryAddWithoutValidation("Authorization", TestLicences.ApiKey);
        using var response = await Http.SendAsync(request);

        Assert.Equal(changed.ToString(CultureInfo.InvariantCulture) + "s", (await ReadJsonAsync(response)).GetProperty("expiresIn").GetString());
    }

    [Theory]
    [InlineData("not-a-licence-key")]
    [InlineData("Bearer " + TestLicences.ApiKey)]
    public async Task An_unknown_key_is_refused_with_401_and_a_message(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "auth/token");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await ReadJsonAsync(response)).GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_call_without_a_token_is_401()
    {
        using var response = await Http.GetAsync(StructurePath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.WwwAuthenticate.Count > 0);
    }

    [Fact]
    public async Task A_call_with_the_api_key_instead_of_a_token_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, StructurePath);
        request.Headers.TryAddWithoutValidation("Authorization", TestLicences.ApiKey);
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_call_with_a_made_up_token_is_401_but_not_expired()
    {
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "made-up");
        using var response = await Http.GetAsync(StructurePath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("Token expired", (await ReadJsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task After_tokens_expire_a_call_is_401_Token_expired_and_a_new_token_works()
    {
        await AuthenticateAsync();
        using (var expire = await Http.PostAsync("_emulator/tokens/expire", null))
        {
            Assert.True(expire.IsSuccessStatusCode);
        }

        using (var refused = await Http.GetAsync(StructurePath))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Token expired", (await ReadJsonAsync(refused)).GetProperty("message").GetString());
        }

        await AuthenticateAsync();
        using var accepted = await Http.GetAsync(StructurePath);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_token_expires_at_the_end_of_its_lifetime()
    {
        await AuthenticateAsync();

        _clock.Advance(TimeSpan.FromSeconds(LicenceLifetimeSeconds - 1));
        using (var stillValid = await Http.GetAsync(StructurePath))
        {
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await Http.GetAsync(StructurePath);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Token expired", (await ReadJsonAsync(expired)).GetProperty("message").GetString());
    }
}
