using System.Net;
using System.Net.Http.Headers;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

public sealed class RequestLogTests : EmulatorTest
{
    [Fact]
    public async Task The_log_never_holds_an_api_key_or_a_token()
    {
        const string wrongKey = "wrong-key-3f9a1c";
        const string madeUpToken = "made-up-token-77c2e0";
        using (var refused = new HttpRequestMessage(HttpMethod.Get, "auth/token"))
        {
            refused.Headers.TryAddWithoutValidation("Authorization", wrongKey);
            using var response = await Http.SendAsync(refused);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var token = await AuthenticateAsync();
        using (await PostProfileAsync(Fixtures.Read(Fixtures.CreateOrUpdateProfile)))
        {
        }

        using (var forged = new HttpRequestMessage(HttpMethod.Get, StructurePath))
        {
            forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", madeUpToken);
            using (await Http.SendAsync(forged))
            {
            }
        }

        using var log = await Http.GetAsync("_emulator/requests");
        var text = await log.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        foreach (var secret in new[] { TestLicences.ApiKey, wrongKey, token, madeUpToken })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(["apiKey", "apiKey", "bearer", "bearer"], Admin.GetRequestLog().Select(e => e.Authorization));
    }

    [Fact]
    public async Task Each_entry_tells_what_was_asked_and_answered_in_arrival_order()
    {
        await AuthenticateAsync();
        using (await PostProfileAsync(Body(("customerId", 1)), allowUpdate: true))
        {
        }

        Http.DefaultRequestHeaders.Authorization = null;
        using (await Http.GetAsync(StructurePath))
        {
        }

        var log = Admin.GetRequestLog();

        Assert.Equal(3, log.Count);
        Assert.Equal(log.Select(e => e.Sequence).Order(), log.Select(e => e.Sequence));
        Assert.Equal(("GET", "/auth/token", 200), (log[0].Method, log[0].Path, log[0].Status));
        Assert.Equal(("POST", "/" + ProfilePath, "allowUpdate=true", 200), (log[1].Method, log[1].Path, log[1].Query, log[1].Status));
        Assert.Equal((401, "none"), (log[2].Status, log[2].Authorization));
        Assert.All(log, e => Assert.Null(e.Fault));
    }

    [Fact]
    public async Task Admin_calls_are_not_logged_and_the_log_can_be_cleared()
    {
        await AuthenticateAsync();
        using (await Http.GetAsync("_emulator/state"))
        {
        }

        Assert.Single(Admin.GetRequestLog());

        using var cleared = await Http.DeleteAsync("_emulator/requests");

        Assert.True(cleared.IsSuccessStatusCode);
        Assert.Empty(Admin.GetRequestLog());
    }

    [Fact]
    public async Task The_HTTP_log_carries_an_explicit_null_fault()
    {
        await GetTokenAsync();

        using var log = await Http.GetAsync("_emulator/requests");
        var entry = Assert.Single((await ReadJsonAsync(log)).EnumerateArray());

        Assert.Equal(System.Text.Json.JsonValueKind.Null, entry.GetProperty("fault").ValueKind);
        Assert.Equal("/auth/token", entry.GetProperty("path").GetString());
    }
}
