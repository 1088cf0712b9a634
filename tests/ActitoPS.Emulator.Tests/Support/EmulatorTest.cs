using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.Tests.Support;

/// <summary>
/// Each test gets its own emulator on a free loopback port (xunit makes one instance per test),
/// so tests never share state, limits or faults, whatever runs in parallel.
/// </summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected const string ProfilePath = $"profiles/v4/entity/{TestLicences.Entity}/table/{TestLicences.Table}/profile";
    protected const string StructurePath = $"profile-table-structure/v5/entities/{TestLicences.Entity}/profile-tables";

    protected EmulatorServer Server { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;
    protected EmulatorAdmin Admin => Server.Admin;

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(CreateOptions());
        Http = NewClient();
        await OnStartedAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    protected virtual EmulatorOptions CreateOptions() => new() { Licence = TestLicences.Sample() };

    /// <summary>Runs once the server is up, before the test.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    /// <summary>A client with its own connection pool, so its first request opens a new connection.</summary>
    protected HttpClient NewClient() => new() { BaseAddress = Server.BaseUri };

    protected async Task<string> GetTokenAsync(string apiKey = TestLicences.ApiKey, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "auth/token");
        request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        using var response = await (client ?? Http).SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("accessToken").GetString()!;
    }

    protected async Task<string> AuthenticateAsync(HttpClient? client = null)
    {
        client ??= Http;
        var token = await GetTokenAsync(client: client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    protected Task<HttpResponseMessage> PostProfileAsync(string json, bool? allowUpdate = true, HttpClient? client = null)
    {
        var query = allowUpdate is null ? "" : $"?allowUpdate={(allowUpdate.Value ? "true" : "false")}";
        return (client ?? Http).PostAsync(ProfilePath + query, Json(json));
    }

    protected Task<HttpResponseMessage> GetProfileAsync(string profileKey) =>
        Http.GetAsync($"{ProfilePath}/{Uri.EscapeDataString(profileKey)}");

    protected async Task<long> CreateProfileAsync(params (string Name, JsonNode? Value)[] attributes)
    {
        using var response = await PostProfileAsync(Body(attributes));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("profileId").GetInt64();
    }

    protected IReadOnlyList<ProfileSnapshot> Profiles() => Admin.GetProfiles(TestLicences.Entity, TestLicences.Table);

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A create body holding just these attributes.</summary>
    protected static string Body(params (string Name, JsonNode? Value)[] attributes) =>
        new JsonObject
        {
            ["attributes"] = new JsonArray(attributes
                .Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["value"] = a.Value?.DeepClone() })
                .ToArray()),
        }.ToJsonString();

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Snapshots compared as text: records holding dictionaries do not compare by content.</summary>
    protected static string Serialise<T>(T value) => JsonSerializer.Serialize(value);
}
