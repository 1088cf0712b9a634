using System.Net;
using System.Text.Json;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>
/// GET /profiles/v5/entities/{e}/profile-tables/{t}/profiles/{profileKey}: the v4 read's key rules and
/// body, with subscriptions and segmentations listed only when the query names them.
/// </summary>
public sealed class ProfileV5ReadTests : EmulatorTest
{
    private const string V5Path = $"profiles/v5/entities/{TestLicences.Entity}/profile-tables/1/profiles";
    private const string Email = "john+news@actito.com";

    /// <summary>Subscribed to Newsletter only, Gold and an active member, with a data collection record.</summary>
    private const string JohnBody = $$$"""
        {"attributes":[{"name":"lastName","value":"Smith"},{"name":"emailAddress","value":"{{{Email}}}"},
                       {"name":"customerId","value":34567},{"name":"birthDate","value":"1967-05-26"}],
         "dataCollectionInformation":{"date":"10/09/2019","source":"TEST","way":"website registering"},
         "subscriptions":[{"name":"Newsletter","subscribe":"true"}],
         "segmentations":[{"belongs":"true","segmentation":{"name":"ClientType","category":"Gold"}},
                          {"belongs":"true","segmentation":{"name":"isActive","category":"Member"}}]}
        """;

    [Fact]
    public async Task By_id_without_a_query_it_lists_the_attributes_with_a_value_and_no_subscription_or_segmentation()
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();

        using var response = await Http.GetAsync($"{V5Path}/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(id, body.GetProperty("profileId").GetInt64());
        Assert.Equal(["lastName=Smith", "birthDate=1967-05-26", $"emailAddress={Email}", "customerId=34567"], Attributes(body));
        Assert.Equal(JsonValueKind.Number, AttributeValue(body, "customerId").ValueKind);
        Assert.Empty(body.GetProperty("subscriptions").EnumerateArray());
        Assert.Empty(body.GetProperty("segmentations").EnumerateArray());
        Assert.Equal("2019-09-10", body.GetProperty("dataCollectionInformation").GetProperty("date").GetString());
    }

    [Fact]
    public async Task Asking_for_every_subscription_and_segmentation_gives_the_v4_body_exactly()
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();
        using var v4 = await GetProfileAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var v5 = await Http.GetAsync($"{V5Path}/{id}?subscriptions=Newsletter,Promotions&segmentations=ClientType,isActive");

        Assert.Equal(HttpStatusCode.OK, v5.StatusCode);
        Assert.Equal(await v4.Content.ReadAsStringAsync(), await v5.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("emailAddress%3Djohn%2Bnews%40actito.com")]
    [InlineData("emailAddress=john%2Bnews@actito.com")]
    [InlineData("emailAddress=JOHN%2BNEWS%40ACTITO.COM")]
    public async Task By_a_unique_email_holding_plus_and_at_it_finds_the_profile(string encodedKey)
    {
        await AuthenticateAsync();
        await CreateProfileAsync(("emailAddress", "john@actito.com"), ("customerId", 1));
        var id = await CreateJohnAsync();

        using var response = await Http.GetAsync($"{V5Path}/{encodedKey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (await ReadJsonAsync(response)).GetProperty("profileId").GetInt64());
    }

    [Fact]
    public async Task By_a_unique_integer_key_it_finds_the_profile()
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();

        using var response = await Http.GetAsync($"{V5Path}/customerId=034567");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (await ReadJsonAsync(response)).GetProperty("profileId").GetInt64());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("MyWebsiteProfiles")]
    [InlineData("mywebsiteprofiles")]
    public async Task The_table_is_found_by_id_or_by_name_in_any_case(string table)
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();

        using var response = await Http.GetAsync($"profiles/v5/entities/myentity/profile-tables/{table}/profiles/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Subscriptions_lists_only_those_named_in_licence_order_with_their_state()
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();

        using var both = await Http.GetAsync($"{V5Path}/{id}?subscriptions=Promotions,Newsletter");
        using var one = await Http.GetAsync($"{V5Path}/{id}?subscriptions=Promotions");

        Assert.Equal(["Newsletter=true", "Promotions=false"], Subscriptions(await ReadJsonAsync(both)));
        var body = await ReadJsonAsync(one);
        Assert.Equal(["Promotions=false"], Subscriptions(body));
        Assert.Empty(body.GetProperty("segmentations").EnumerateArray());
    }

    [Fact]
    public async Task Segmentations_lists_only_the_categories_of_those_named()
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();

        using var response = await Http.GetAsync($"{V5Path}/{id}?segmentations=isActive");

        var body = await ReadJsonAsync(response);
        Assert.Equal(["isActive:Member"], Segmentations(body));
        Assert.Empty(body.GetProperty("subscriptions").EnumerateArray());
    }

    [Fact]
    public async Task An_empty_list_names_nothing()
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();

        using var response = await Http.GetAsync($"{V5Path}/{id}?subscriptions=&segmentations=");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Empty(body.GetProperty("subscriptions").EnumerateArray());
        Assert.Empty(body.GetProperty("segmentations").EnumerateArray());
    }

    [Fact]
    public async Task IncludeNulls_lists_every_attribute_of_the_table_in_licence_order_with_null_for_the_unset()
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();

        using var response = await Http.GetAsync($"{V5Path}/{id}?includeNulls=TRUE");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        var definition = TestLicences.Sample().Entities[0].ProfileTables[0];
        Assert.Equal(definition.Attributes.Select(a => a.Name), body.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, AttributeValue(body, "firstName").ValueKind);
        Assert.Equal(JsonValueKind.Null, AttributeValue(body, "nbChildren").ValueKind);
        Assert.Equal("Smith", AttributeValue(body, "lastName").GetString());
        Assert.Equal(34567, AttributeValue(body, "customerId").GetInt64());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?includeNulls=false")]
    [InlineData("?includeNulls=")]
    public async Task Without_includeNulls_the_unset_attributes_are_left_out(string query)
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();

        using var response = await Http.GetAsync($"{V5Path}/{id}{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attributes = (await ReadJsonAsync(response)).GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(4, attributes.Count);
        Assert.DoesNotContain(attributes, a => a.GetProperty("name").GetString() == "firstName");
        Assert.All(attributes, a => Assert.NotEqual(JsonValueKind.Null, a.GetProperty("value").ValueKind));
    }

    [Theory]
    [InlineData("1147690?includeNulls=yes", "INVALID_PARAMETER", "includeNulls")]
    [InlineData("1147690?subscriptions=Newsletter,Weekly", "UNKNOWN_SUBSCRIPTION", "Weekly")]
    [InlineData("1147690?subscriptions=newsletter", "UNKNOWN_SUBSCRIPTION", "newsletter")]
    [InlineData("1147690?segmentations=ClientType,Loyalty", "UNKNOWN_SEGMENTATION", "Loyalty")]
    [InlineData("notAKey", "INVALID_PROFILE_KEY", "profileKey")]
    [InlineData("colour=blue", "UNKNOWN_ATTRIBUTE", "colour")]
    [InlineData("lastName=Smith", "ATTRIBUTE_NOT_UNIQUE", "lastName")]
    [InlineData("customerId=", "INVALID_PROFILE_KEY", "customerId")]
    public async Task A_bad_key_or_query_is_a_400_naming_the_field(string keyAndQuery, string errorCode, string field)
    {
        await AuthenticateAsync();
        await CreateJohnAsync();

        using var response = await Http.GetAsync($"{V5Path}/{keyAndQuery}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(errorCode, body.GetProperty("errorCode").GetString());
        Assert.Equal(field, body.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData($"{V5Path}/999", "PROFILE_NOT_FOUND")]
    [InlineData($"{V5Path}/emailAddress=nobody%2Bx%40actito.com", "PROFILE_NOT_FOUND")]
    [InlineData($"profiles/v5/entities/{TestLicences.Entity}/profile-tables/2/profiles/1147690", "PROFILE_TABLE_NOT_FOUND")]
    [InlineData("profiles/v5/entities/NoSuchEntity/profile-tables/1/profiles/1147690", "ENTITY_NOT_FOUND")]
    public async Task An_unknown_profile_table_or_entity_is_404(string path, string errorCode)
    {
        await AuthenticateAsync();
        await CreateJohnAsync();

        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(errorCode, (await ReadJsonAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Without_a_bearer_token_it_is_401()
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();
        using var anonymous = NewClient();

        using var response = await anonymous.GetAsync($"{V5Path}/{id}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Reading_changes_nothing()
    {
        await AuthenticateAsync();
        var id = await CreateJohnAsync();
        var before = Serialise(Admin.GetState());

        using var response = await Http.GetAsync($"{V5Path}/{id}?subscriptions=Newsletter&includeNulls=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, Serialise(Admin.GetState()));
    }

    private async Task<long> CreateJohnAsync()
    {
        using var response = await PostProfileAsync(JohnBody);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("profileId").GetInt64();
    }

    private static IEnumerable<string> Attributes(JsonElement body) =>
        body.GetProperty("attributes").EnumerateArray().Select(a => $"{a.GetProperty("name").GetString()}={a.GetProperty("value")}");

    private static JsonElement AttributeValue(JsonElement body, string name) =>
        body.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name).GetProperty("value");

    private static IEnumerable<string> Subscriptions(JsonElement body) =>
        body.GetProperty("subscriptions").EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()}={s.GetProperty("subscribe").GetString()}");

    private static IEnumerable<string> Segmentations(JsonElement body) =>
        body.GetProperty("segmentations").EnumerateArray().Select(s =>
            $"{s.GetProperty("segmentation").GetProperty("name").GetString()}:{s.GetProperty("segmentation").GetProperty("category").GetString()}");
}
