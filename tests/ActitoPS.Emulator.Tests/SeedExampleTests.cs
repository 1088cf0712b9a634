using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>The feeding guide's own JSON bodies, sent exactly as the guide prints them.</summary>
public sealed class SeedExampleTests : EmulatorTest
{
    private static readonly JsonObject Seed = Fixtures.ReadObject(Fixtures.CreateOrUpdateProfile);

    [Fact]
    public async Task The_guide_create_or_update_example_is_accepted_as_it_stands()
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(Fixtures.Read(Fixtures.CreateOrUpdateProfile));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profileId = (await ReadJsonAsync(response)).GetProperty("profileId").GetInt64();
        Assert.Equal(profileId, Assert.Single(Profiles()).ProfileId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_example_reads_back_by_id_and_by_customerId(bool byCustomerId)
    {
        await AuthenticateAsync();
        using var created = await PostProfileAsync(Fixtures.Read(Fixtures.CreateOrUpdateProfile));
        var profileId = (await ReadJsonAsync(created)).GetProperty("profileId").GetInt64();
        var customerId = SeedValue("customerId").GetValue<long>();

        using var response = await GetProfileAsync(byCustomerId
            ? "customerId=" + customerId.ToString(CultureInfo.InvariantCulture)
            : profileId.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(profileId, body.GetProperty("profileId").GetInt64());
        var returned = body.GetProperty("attributes").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("value"));
        foreach (var attribute in Seed["attributes"]!.AsArray())
        {
            var name = attribute!["name"]!.GetValue<string>();
            AssertSameValue(name, attribute["value"]!, returned[name]);
        }

        Assert.Equal(Pairs(Seed["subscriptions"]!, "name", "subscribe"), Pairs(body.GetProperty("subscriptions"), "name", "subscribe"));
        Assert.Equal(
            Seed["segmentations"]!.AsArray().Select(s => s!["segmentation"]!["name"] + "/" + s["segmentation"]!["category"]).Order(),
            body.GetProperty("segmentations").EnumerateArray().Select(s => $"{s.GetProperty("segmentation").GetProperty("name")}/{s.GetProperty("segmentation").GetProperty("category")}").Order());
        var collected = body.GetProperty("dataCollectionInformation");
        Assert.Equal(SeedDate(Seed["dataCollectionInformation"]!["date"]!.GetValue<string>()), collected.GetProperty("date").GetString());
        Assert.Equal(Seed["dataCollectionInformation"]!["source"]!.GetValue<string>(), collected.GetProperty("source").GetString());
    }

    [Fact]
    public async Task The_example_reads_back_by_email_in_another_case()
    {
        await AuthenticateAsync();
        using var created = await PostProfileAsync(Fixtures.Read(Fixtures.CreateOrUpdateProfile));
        var profileId = (await ReadJsonAsync(created)).GetProperty("profileId").GetInt64();

        using var response = await GetProfileAsync("emailAddress=" + SeedValue("emailAddress").GetValue<string>().ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(profileId, (await ReadJsonAsync(response)).GetProperty("profileId").GetInt64());
    }

    [Fact]
    public async Task The_guide_PUT_example_changes_the_subscriptions_only()
    {
        await AuthenticateAsync();
        using var created = await PostProfileAsync(Fixtures.Read(Fixtures.CreateOrUpdateProfile));
        var profileId = (await ReadJsonAsync(created)).GetProperty("profileId").GetInt64();
        var before = Assert.Single(Profiles());
        var put = Fixtures.ReadObject(Fixtures.UpdateProfileSubscriptions);

        using var response = await Http.PutAsync($"{ProfilePath}/{profileId}", Json(Fixtures.Read(Fixtures.UpdateProfileSubscriptions)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(profileId, (await ReadJsonAsync(response)).GetProperty("profileId").GetInt64());
        var after = Assert.Single(Profiles());
        Assert.Equal(Serialise(before.Attributes), Serialise(after.Attributes));
        Assert.Equal(Serialise(before.Segmentations), Serialise(after.Segmentations));
        foreach (var subscription in put["subscriptions"]!.AsArray())
        {
            Assert.Equal(
                bool.Parse(subscription!["subscribe"]!.GetValue<string>()),
                after.Subscriptions[subscription["name"]!.GetValue<string>()]);
        }

        Assert.Equal(put["dataCollectionInformation"]!["date"]!.GetValue<string>(), after.DataCollectionInformation!.Date);
        Assert.Equal(put["dataCollectionInformation"]!["way"]!.GetValue<string>(), after.DataCollectionInformation.Way);
        Assert.Equal(before.WriteCount + 1, after.WriteCount);
    }

    private static JsonNode SeedValue(string attribute) =>
        Seed["attributes"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == attribute)!["value"]!;

    /// <summary>The guide writes dates dd/MM/yyyy; the emulator gives them back ISO.</summary>
    private static string SeedDate(string text) =>
        DateOnly.ParseExact(text, "dd/MM/yyyy", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void AssertSameValue(string name, JsonNode sent, JsonElement returned)
    {
        switch (sent.GetValueKind())
        {
            case JsonValueKind.Number:
                Assert.Equal(JsonValueKind.Number, returned.ValueKind);
                Assert.Equal(sent.GetValue<long>(), returned.GetInt64());
                break;
            case JsonValueKind.String when name == "birthDate":
                Assert.Equal(SeedDate(sent.GetValue<string>()), returned.GetString());
                break;
            default:
                Assert.Equal(sent.GetValue<string>(), returned.GetString());
                break;
        }
    }

    private static IEnumerable<string> Pairs(JsonNode array, string key, string value) =>
        array.AsArray().Select(item => $"{item![key]}={item[value]}").Order();

    private static IEnumerable<string> Pairs(JsonElement array, string key, string value) =>
        array.EnumerateArray().Select(item => $"{item.GetProperty(key)}={item.GetProperty(value)}").Order();
}
