using System.Net;
using System.Text;
using System.Text.Json;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>
/// A licence with <c>"retiredApis": ["profilesV4"]</c> rehearses Actito's end of service of the v4 profile
/// operations: every v4 call is 410 API_RETIRED and changes nothing; v5 and the structure API still answer.
/// </summary>
public sealed class RetiredApiTests : EmulatorTest
{
    private const string V5Path = $"profiles/v5/entities/{TestLicences.Entity}/profile-tables/1/profiles";

    protected override EmulatorOptions CreateOptions() => new() { Licence = Retired() };

    public static TheoryData<string, string, string?> V4Calls() => new()
    {
        { "POST", ProfilePath + "?allowUpdate=true", """{"attributes":[{"name":"customerId","value":1}]}""" },
        { "POST", ProfilePath, "{ not json" },
        { "GET", ProfilePath + "/1147690", null },
        { "GET", ProfilePath + "/emailAddress=john%2Bnews%40actito.com", null },
        { "PUT", ProfilePath + "/1147690", """{"attributes":[{"name":"lastName","value":"Smith"}]}""" },
        { "DELETE", ProfilePath + "/1147690", null },
        { "POST", ProfilePath + "/1147690/subscription/Newsletter", null },
        { "DELETE", ProfilePath + "/1147690/subscription/Newsletter", null },
        { "GET", "PROFILES/V4/entity/NoSuchEntity/table/x/profile/1", null },
        { "PATCH", ProfilePath + "/no/such/route", null },
    };

    [Theory]
    [MemberData(nameof(V4Calls))]
    public async Task Every_v4_call_is_410_API_RETIRED_pointing_to_v5_and_changes_nothing(string method, string path, string? body)
    {
        await AuthenticateAsync();
        var before = Serialise(Admin.GetState());
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = Json(body);
        }

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal("API_RETIRED", error.GetProperty("errorCode").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("/profiles/v5/", message);
        Assert.Contains("mass imports v5", message);
        Assert.False(error.TryGetProperty("field", out _));
        Assert.Equal(before, Serialise(Admin.GetState()));
        Assert.Equal(410, Admin.GetRequestLog()[^1].Status);
    }

    [Fact]
    public async Task A_retired_call_still_needs_a_token()
    {
        using var response = await Http.GetAsync($"{ProfilePath}/1147690");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_v5_read_and_the_structure_API_still_answer()
    {
        await AuthenticateAsync();

        using var read = await Http.GetAsync($"{V5Path}/1147690?subscriptions=Newsletter");
        using var badKey = await Http.GetAsync($"{V5Path}/lastName=Smith");
        using var structure = await Http.GetAsync($"{StructurePath}/1");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("PROFILE_NOT_FOUND", (await ReadJsonAsync(read)).GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Equal("ATTRIBUTE_NOT_UNIQUE", (await ReadJsonAsync(badKey)).GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.OK, structure.StatusCode);
    }

    [Fact]
    public async Task The_admin_API_loads_the_field_and_a_licence_without_it_brings_v4_back()
    {
        await AuthenticateAsync();
        using var retiredGet = await Http.GetAsync($"{ProfilePath}/1147690");
        Assert.Equal(HttpStatusCode.Gone, retiredGet.StatusCode);

        using var loaded = await PostLicenceAsync(TestLicences.Sample().ToJson());
        Assert.Equal(HttpStatusCode.NoContent, loaded.StatusCode);
        await AuthenticateAsync();

        Assert.Empty(Admin.Licence.RetiredApis);
        var id = await CreateProfileAsync(("customerId", 34567));
        using var v4 = await GetProfileAsync("customerId=34567");
        Assert.Equal(HttpStatusCode.OK, v4.StatusCode);

        using var retiredAgain = await PostLicenceAsync(Retired().ToJson());
        Assert.Equal(HttpStatusCode.NoContent, retiredAgain.StatusCode);
        await AuthenticateAsync();

        Assert.Equal([RetiredApiNames.ProfilesV4], Admin.Licence.RetiredApis);
        using var gone = await Http.DeleteAsync($"{ProfilePath}/{id}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    [Fact]
    public async Task The_admin_API_refuses_an_unknown_name_and_keeps_the_licence_in_force()
    {
        var licence = Retired();
        licence.RetiredApis.Add("customTablesV4");

        using var response = await PostLicenceAsync(licence.ToJson());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal("INVALID_LICENCE", error.GetProperty("errorCode").GetString());
        Assert.Contains("'customTablesV4'", error.GetProperty("message").GetString());
        Assert.Equal([RetiredApiNames.ProfilesV4], Admin.Licence.RetiredApis);
    }

    [Fact]
    public void An_unknown_name_is_reported_with_the_licence_other_problems()
    {
        var licence = TestLicences.Sample();
        licence.ApiKeys = [];
        licence.RetiredApis = ["profilesV3", RetiredApiNames.ProfilesV4];

        var error = Assert.Throws<LicenceException>(() => Licence.Parse(licence.ToJson()));

        Assert.Contains("retiredApis holds unknown name 'profilesV3'", error.Message);
        Assert.Contains(RetiredApiNames.ProfilesV4, error.Message[error.Message.IndexOf("known:", StringComparison.Ordinal)..]);
        Assert.Contains("apiKeys", error.Message);
    }

    [Fact]
    public void A_name_given_twice_is_refused()
    {
        var licence = TestLicences.Sample();
        licence.RetiredApis = [RetiredApiNames.ProfilesV4, "PROFILESV4"];

        var error = Assert.Throws<LicenceException>(() => Licence.Parse(licence.ToJson()));

        Assert.Contains("appears twice", error.Message);
    }

    [Fact]
    public void The_field_survives_Parse_Clone_and_Load()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actito-retired-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, Retired().ToJson());

            var loaded = Licence.Load(path);

            Assert.Equal([RetiredApiNames.ProfilesV4], loaded.RetiredApis);
            Assert.Equal([RetiredApiNames.ProfilesV4], loaded.Clone().RetiredApis);
            using var json = JsonDocument.Parse(loaded.ToJson());
            Assert.Equal(RetiredApiNames.ProfilesV4, Assert.Single(json.RootElement.GetProperty("retiredApis").EnumerateArray()).GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"retiredApis\": null,")]
    [InlineData("\"retiredApis\": [],")]
    public async Task Absent_null_or_empty_retires_nothing(string field)
    {
        var withoutField = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(TestLicences.Sample().ToJson())!;
        withoutField.Remove("retiredApis");
        var text = "{" + field + JsonSerializer.Serialize(withoutField)[1..];

        using var loaded = await PostLicenceAsync(text);
        Assert.Equal(HttpStatusCode.NoContent, loaded.StatusCode);
        await AuthenticateAsync();

        using var response = await GetProfileAsync("1147690");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Admin.Licence.RetiredApis);
    }

    [Fact]
    public void The_sample_licence_retires_nothing()
    {
        Assert.Empty(TestLicences.Sample().RetiredApis);
    }

    private static Licence Retired()
    {
        var licence = TestLicences.Sample();
        licence.RetiredApis = [RetiredApiNames.ProfilesV4];
        return licence;
    }

    private Task<HttpResponseMessage> PostLicenceAsync(string json) =>
        Http.PostAsync("_emulator/licence", new StringContent(json, Encoding.UTF8, "application/json"));
}
