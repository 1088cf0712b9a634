using System.Net;
using System.Text;
using System.Text.Json;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

public sealed class AdminTests : EmulatorTest
{
    [Fact]
    public async Task Health_is_ok()
    {
        using var response = await Http.GetAsync("_emulator/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await ReadJsonAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Loading_a_licence_over_HTTP_replaces_it_and_resets_all_state()
    {
        var oldToken = await AuthenticateAsync();
        await CreateProfileAsync(("customerId", 1));
        var licence = TestLicences.Sample();
        licence.ApiKeys = ["another-key"];
        licence.Entities[0].Name = "OtherEntity";

        using var loaded = await Http.PostAsync("_emulator/licence", new StringContent(licence.ToJson(), Encoding.UTF8, "application/json"));

        Assert.True(loaded.IsSuccessStatusCode);
        Assert.Equal(["OtherEntity"], Admin.GetState().Entities.Select(e => e.Name));
        Assert.Empty(Admin.GetProfiles("OtherEntity", TestLicences.Table));
        using (var stale = await Http.GetAsync(StructurePath))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        }

        using (var oldKey = new HttpRequestMessage(HttpMethod.Get, "auth/token"))
        {
            oldKey.Headers.TryAddWithoutValidation("Authorization", TestLicences.ApiKey);
            using var response = await Http.SendAsync(oldKey);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.NotEqual(oldToken, await GetTokenAsync("another-key"));
    }

    [Fact]
    public async Task An_invalid_licence_is_refused_and_the_old_one_kept()
    {
        var licence = TestLicences.Sample();
        licence.Entities[0].ProfileTables[0].Attributes[0].ValueType = "COLOUR";

        using var response = await Http.PostAsync("_emulator/licence", new StringContent(licence.ToJson(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("COLOUR", (await ReadJsonAsync(response)).GetProperty("message").GetString());
        await GetTokenAsync();
    }

    [Fact]
    public async Task Reset_clears_profiles_tokens_faults_log_and_settings_but_keeps_the_licence()
    {
        var licence = Admin.Licence;
        await AuthenticateAsync();
        var firstId = await CreateProfileAsync(("customerId", 1));
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, PathContains = "never-requested" });
        Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = licence.Limits.CallsPerMinute + 1 });

        using var reset = await Http.PostAsync("_emulator/reset", null);

        Assert.True(reset.IsSuccessStatusCode);
        Assert.Empty(Profiles());
        Assert.Empty(Admin.GetFaults());
        Assert.Empty(Admin.GetRequestLog());
        Assert.Equal(EmulatorSettings.From(licence.Limits), Admin.Settings);
        Assert.Equal(licence.ToJson(), Admin.Licence.ToJson());
        using (var stale = await Http.GetAsync(StructurePath))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        }

        await AuthenticateAsync();
        Assert.Equal(firstId, await CreateProfileAsync(("customerId", 1)));
    }

    [Fact]
    public async Task Settings_are_read_and_changed_live_over_HTTP()
    {
        var before = Admin.Settings;

        using var put = await Http.PutAsync("_emulator/settings", new StringContent("""{"callsPerMinute":7}""", Encoding.UTF8, "application/json"));
        using var get = await Http.GetAsync("_emulator/settings");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var settings = await ReadJsonAsync(get);
        Assert.Equal(7, settings.GetProperty("callsPerMinute").GetInt32());
        Assert.Equal(before.MaxConcurrentRequests, settings.GetProperty("maxConcurrentRequests").GetInt32());
        Assert.Equal(before.TokenLifetimeSeconds, settings.GetProperty("tokenLifetimeSeconds").GetInt32());
        Assert.Equal(before with { CallsPerMinute = 7 }, Admin.Settings);
    }

    [Theory]
    [InlineData("""{"maxConcurrentRequests":-1}""")]
    [InlineData("""{"tokenLifetimeSeconds":0}""")]
    [InlineData("not json")]
    public async Task Out_of_range_settings_are_refused_and_nothing_changes(string body)
    {
        var before = Admin.Settings;

        using var response = await Http.PutAsync("_emulator/settings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, Admin.Settings);
    }

    [Fact]
    public async Task The_HTTP_state_shows_the_profiles_as_the_CSharp_snapshot_does()
    {
        await AuthenticateAsync();
        await CreateProfileAsync(("customerId", 1), ("emailAddress", "one@example.com"));

        using var response = await Http.GetAsync("_emulator/state");

        var profile = (await ReadJsonAsync(response)).GetProperty("entities")[0].GetProperty("profileTables")[0].GetProperty("profiles")[0];
        var snapshot = Assert.Single(Profiles());
        Assert.Equal(snapshot.ProfileId, profile.GetProperty("profileId").GetInt64());
        Assert.Equal(snapshot.WriteCount, profile.GetProperty("writeCount").GetInt32());
        Assert.Equal(
            snapshot.Attributes.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}"),
            profile.GetProperty("attributes").EnumerateObject().OrderBy(a => a.Name).Select(a => $"{a.Name}={a.Value.GetString()}"));
    }

    [Fact]
    public void Asking_for_the_profiles_of_an_unknown_table_throws()
    {
        Assert.Throws<KeyNotFoundException>(() => Admin.GetProfiles(TestLicences.Entity, "NoSuchTable"));
        Assert.Throws<KeyNotFoundException>(() => Admin.GetProfiles("NoSuchEntity", TestLicences.Table));
    }

    [Fact]
    public async Task Shutdown_over_HTTP_stops_the_server()
    {
        using var response = await Http.PostAsync("_emulator/shutdown", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Server.Stopped.WaitAsync(TimeSpan.FromSeconds(30));
        using var fresh = NewClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("_emulator/health"));
    }

    [Fact]
    public async Task Expiring_tokens_in_CSharp_does_what_the_HTTP_route_does()
    {
        await AuthenticateAsync();

        Admin.ExpireAllTokens();

        using var response = await Http.GetAsync(StructurePath);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Token expired", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
    }
}
