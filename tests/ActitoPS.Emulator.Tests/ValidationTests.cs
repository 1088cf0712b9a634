using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

public sealed class ValidationTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { Licence = TestLicences.SampleWithEveryValueType() };

    /// <summary>Attribute, then its value as a JSON literal.</summary>
    [Theory]
    [InlineData("birthDate", "\"1967-05-26x\"")]
    [InlineData("birthDate", "\"31/02/2019\"")]
    [InlineData("birthDate", "\"05/26/1967\"")]
    [InlineData("customerId", "\"12a\"")]
    [InlineData("customerId", "1.5")]
    [InlineData("customerId", "true")]
    [InlineData("emailAddress", "\"john.smith\"")]
    [InlineData("emailAddress", "\"john@localhost\"")]
    [InlineData("sex", "\"X\"")]
    [InlineData("motherLanguage", "\"ENG\"")]
    [InlineData("addressCountry", "\"U\"")]
    [InlineData("gsmNumber", "\"12345\"")]
    [InlineData("gsmNumber", "\"12ab5678\"")]
    [InlineData("gsmNumber", "\"123456789012345678901\"")]
    [InlineData("optIn", "\"maybe\"")]
    [InlineData("lastVisit", "\"2019-09-10T10:10:00\"")]
    [InlineData("lastVisit", "\"2019-09-10\"")]
    [InlineData("lastName", "{\"first\":\"x\"}")]
    public async Task A_value_unfit_for_its_type_is_400_naming_the_field_and_the_value(string attribute, string jsonValue)
    {
        await AuthenticateAsync();
        var value = JsonNode.Parse(jsonValue);

        using var response = await PostProfileAsync(Body((attribute, value)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("INVALID_ATTRIBUTE_VALUE", body.GetProperty("errorCode").GetString());
        Assert.Equal(attribute, body.GetProperty("field").GetString());
        var message = body.GetProperty("message").GetString()!;
        Assert.Contains(attribute, message);
        Assert.Contains(value!.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(), message);
        Assert.Empty(Profiles());
    }

    [Fact]
    public async Task A_string_longer_than_maxLength_is_400()
    {
        await AuthenticateAsync();
        var maxLength = TestLicences.Sample().Entities[0].ProfileTables[0].Attributes.Single(a => a.Name == "lastName").MaxLength!.Value;

        using var tooLong = await PostProfileAsync(Body(("lastName", new string('a', maxLength + 1))));
        using var fits = await PostProfileAsync(Body(("lastName", new string('a', maxLength))));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("lastName", (await ReadJsonAsync(tooLong)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    /// <summary>Attribute, value as a JSON literal, then the canonical text the emulator must keep.</summary>
    [Theory]
    [InlineData("birthDate", "\"1967-05-26\"", "1967-05-26")]
    [InlineData("birthDate", "\"26/05/1967\"", "1967-05-26")]
    [InlineData("customerId", "\"034567\"", "34567")]
    [InlineData("customerId", "-12", "-12")]
    [InlineData("sex", "\"f\"", "F")]
    [InlineData("motherLanguage", "\"fr\"", "FR")]
    [InlineData("addressCountry", "\"be\"", "BE")]
    [InlineData("gsmNumber", "\"+32 (0)475-12 34 56\"", "+32 (0)475-12 34 56")]
    [InlineData("gsmNumber", "\"1223344556\"", "1223344556")]
    [InlineData("emailAddress", "\"a.b+c@mail.example.co.uk\"", "a.b+c@mail.example.co.uk")]
    [InlineData("optIn", "true", "true")]
    [InlineData("optIn", "\"TRUE\"", "true")]
    [InlineData("optIn", "\"false\"", "false")]
    [InlineData("optIn", "\"1\"", "true")]
    [InlineData("optIn", "\"0\"", "false")]
    [InlineData("optIn", "\"Y\"", "true")]
    [InlineData("optIn", "\"N\"", "false")]
    [InlineData("lastVisit", "\"2019-09-10 10:10:00\"", "2019-09-10 10:10:00")]
    [InlineData("lastVisit", "\"10/09/2019 10:10:00\"", "2019-09-10 10:10:00")]
    public async Task A_valid_value_is_kept_in_its_canonical_form(string attribute, string jsonValue, string canonical)
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(Body((attribute, JsonNode.Parse(jsonValue))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(canonical, Assert.Single(Profiles()).Attributes[attribute]);
    }

    [Fact]
    public async Task An_unknown_attribute_is_400_naming_it()
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(Body(("shoeSize", 42)));

        await AssertBadRequestAsync(response, "UNKNOWN_ATTRIBUTE", "shoeSize");
    }

    [Fact]
    public async Task Attribute_names_are_case_sensitive()
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(Body(("LastName", "Smith")));

        await AssertBadRequestAsync(response, "UNKNOWN_ATTRIBUTE", "LastName");
    }

    [Fact]
    public async Task A_duplicate_attribute_is_400_naming_it()
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(Body(("lastName", "Smith"), ("lastName", "Jones")));

        await AssertBadRequestAsync(response, "DUPLICATE_ATTRIBUTE", "lastName");
    }

    [Fact]
    public async Task An_unknown_subscription_is_400_naming_it()
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(WithSubscription("SMS", "true"));

        await AssertBadRequestAsync(response, "UNKNOWN_SUBSCRIPTION", "SMS");
    }

    [Fact]
    public async Task A_subscribe_value_other_than_true_or_false_is_400()
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(WithSubscription("Newsletter", "yes"));

        await AssertBadRequestAsync(response, "INVALID_SUBSCRIPTION", "Newsletter");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Subscribe_may_be_a_JSON_boolean(bool subscribe)
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(WithSubscription("Newsletter", subscribe));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(subscribe, Assert.Single(Profiles()).Subscriptions["Newsletter"]);
    }

    [Theory]
    [InlineData("Loyalty", "Gold", "UNKNOWN_SEGMENTATION")]
    [InlineData("ClientType", "Platinum", "UNKNOWN_SEGMENTATION_CATEGORY")]
    public async Task An_unknown_segmentation_or_category_is_400_naming_the_segmentation(string segmentation, string category, string errorCode)
    {
        await AuthenticateAsync();
        var body = JsonNode.Parse(Body(("customerId", 1)))!.AsObject();
        body["segmentations"] = new JsonArray(new JsonObject
        {
            ["belongs"] = "true",
            ["segmentation"] = new JsonObject { ["name"] = segmentation, ["category"] = category },
        });

        using var response = await PostProfileAsync(body.ToJsonString());

        await AssertBadRequestAsync(response, errorCode, segmentation);
    }

    [Theory]
    [InlineData("{\"attributes\": [")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"attributes\": {\"name\": \"lastName\"}}")]
    public async Task A_body_that_is_not_a_profile_object_is_400(string body)
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await ReadJsonAsync(response)).GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("10/09/2019", true)]
    [InlineData("2019-09-10", true)]
    [InlineData("2019-09-10 10:10:00", true)]
    [InlineData("09/31/2019", false)]
    [InlineData("yesterday", false)]
    public async Task The_data_collection_date_takes_the_guide_formats(string date, bool valid)
    {
        await AuthenticateAsync();
        var body = JsonNode.Parse(WithSubscription("Newsletter", "true"))!.AsObject();
        body["dataCollectionInformation"] = new JsonObject { ["date"] = date, ["source"] = "TEST", ["way"] = "test" };

        using var response = await PostProfileAsync(body.ToJsonString());

        if (valid)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            await AssertBadRequestAsync(response, "INVALID_DATA_COLLECTION_INFORMATION", "dataCollectionInformation.date");
            Assert.Contains(date, (await ReadJsonAsync(response)).GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task A_null_value_clears_the_attribute_in_a_partial_update()
    {
        await AuthenticateAsync();
        var id = await CreateProfileAsync(("customerId", 1), ("lastName", "Smith"), ("firstName", "John"));

        using var response = await Http.PutAsync($"{ProfilePath}/{id}", Json(Body(("lastName", null))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = Assert.Single(Profiles());
        Assert.False(profile.Attributes.ContainsKey("lastName"));
        Assert.Equal("John", profile.Attributes["firstName"]);
    }

    [Fact]
    public async Task A_mandatory_attribute_must_be_given()
    {
        var licence = TestLicences.Sample();
        licence.Entities[0].ProfileTables[0].Attributes.Single(a => a.Name == "lastName").Mandatory = true;
        Admin.LoadLicence(licence);
        await AuthenticateAsync();

        using var missing = await PostProfileAsync(Body(("customerId", 1)));
        using var given = await PostProfileAsync(Body(("customerId", 1), ("lastName", "Smith")));

        await AssertBadRequestAsync(missing, "MISSING_MANDATORY_ATTRIBUTE", "lastName");
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
    }

    private static string WithSubscription(string name, JsonNode subscribe)
    {
        var body = JsonNode.Parse(Body(("customerId", 1)))!.AsObject();
        body["subscriptions"] = new JsonArray(new JsonObject { ["name"] = name, ["subscribe"] = subscribe });
        return body.ToJsonString();
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string errorCode, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(errorCode, body.GetProperty("errorCode").GetString());
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.Contains(field, body.GetProperty("message").GetString());
    }
}
