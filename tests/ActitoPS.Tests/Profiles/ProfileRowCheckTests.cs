using ActitoPS.Core.Profiles;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.Profiles;

/// <summary>The checks that cost no call: a row that does not fit its table is refused, naming the row and the field.</summary>
public class ProfileRowCheckTests
{
    private static readonly ProfileTable Table = new("MyWebsiteProfiles", "1",
    [
        new ProfileAttribute("customerId", "INTEGER", unique: true, mandatory: false),
        new ProfileAttribute("emailAddress", "EMAIL", unique: true, mandatory: false, maxLength: 255),
        new ProfileAttribute("lastName", "STRING", unique: false, mandatory: true, maxLength: 10),
        new ProfileAttribute("birthDate", "DATE", false, false),
        new ProfileAttribute("lastVisit", "DATETIME", false, false),
        new ProfileAttribute("vip", "BOOLEAN", false, false),
        new ProfileAttribute("sex", "SEX", false, false),
        new ProfileAttribute("motherLanguage", "LANGUAGE", false, false),
        new ProfileAttribute("addressCountry", "COUNTRY", false, false),
        new ProfileAttribute("gsmNumber", "PHONE", false, false),
        new ProfileAttribute("code", "STRING", false, false, maxLength: 8, minLength: 3),
    ],
    ["Newsletter", "Promotions"],
    [new ProfileSegmentation("ClientType", ["Gold", "Silver"])]);

    private static JObject Body(params (string Name, JToken Value)[] attributes) =>
        new() { ["attributes"] = new JArray(attributes.Select(a => new JObject { ["name"] = a.Name, ["value"] = a.Value })) };

    private static JObject Valid(params (string Name, JToken Value)[] more) =>
        Body([("customerId", 7), ("lastName", "Smith"), .. more]);

    [Theory]
    [InlineData("customerId", "12a", "'12a' is not a valid INTEGER")]
    [InlineData("birthDate", "31/02/2019", "is not a valid DATE")]
    [InlineData("birthDate", "2019-02-03 10:00:00", "has a time of day")]
    [InlineData("lastVisit", "yesterday", "is not a valid DATETIME")]
    [InlineData("vip", "maybe", "is not a valid BOOLEAN")]
    [InlineData("emailAddress", "john.smith@", "is not a valid EMAIL")]
    [InlineData("sex", "X", "is not a valid SEX")]
    [InlineData("motherLanguage", "ENG", "is not a valid LANGUAGE")]
    [InlineData("addressCountry", "B", "is not a valid COUNTRY")]
    [InlineData("gsmNumber", "12-34", "is not a valid PHONE")]
    [InlineData("code", "ab", "less than the 3 that code needs")]
    [InlineData("code", "abcdefghi", "more than the 8 that code allows")]
    public void A_value_that_does_not_fit_its_type_is_refused_naming_row_and_field(string field, string value, string expected)
    {
        var error = Assert.Throws<ActitoRecordException>(() => ProfileRowCheck.Check(Table, Valid((field, value)), 4, ProfileWriteKind.Upsert));

        Assert.Equal(4, error.RowNumber);
        Assert.Equal(field, error.Field);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("birthDate", "1967-05-26")]
    [InlineData("birthDate", "26/05/1967")]
    [InlineData("lastVisit", "2019-09-10 10:10:00")]
    [InlineData("vip", "Y")]
    [InlineData("sex", "f")]
    [InlineData("gsmNumber", "1223344556")]
    [InlineData("gsmNumber", "+32 (475) 12-34-56")]
    [InlineData("emailAddress", "john.smith@actito.com")]
    public void Values_in_Actitos_forms_pass(string field, string value)
    {
        ProfileRowCheck.Check(Table, Valid((field, value)), 1, ProfileWriteKind.Upsert);
    }

    [Fact]
    public void A_date_alone_for_a_DATETIME_gains_midnight_as_Actito_wants_it()
    {
        var body = Valid(("lastVisit", "2024-03-09"));

        ProfileRowCheck.Check(Table, body, 1, ProfileWriteKind.Upsert);

        Assert.Equal("2024-03-09 00:00:00", (string?)body["attributes"]!.Last!["value"]);
    }

    [Fact]
    public void An_unknown_attribute_is_refused_with_a_hint_when_only_its_case_is_wrong()
    {
        var error = Assert.Throws<ActitoRecordException>(() => ProfileRowCheck.Check(Table, Valid(("emailaddress", "a@b.be")), 2, ProfileWriteKind.Upsert));

        Assert.Equal("emailaddress", error.Field);
        Assert.Contains("did you mean 'emailAddress'?", error.Message);
    }

    [Fact]
    public void An_upsert_without_a_unique_key_is_refused_but_a_create_only_row_and_a_partial_update_pass()
    {
        var keyless = Body(("lastName", "Smith"));

        var error = Assert.Throws<ActitoRecordException>(() => ProfileRowCheck.Check(Table, keyless, 9, ProfileWriteKind.Upsert));

        Assert.Equal("customerId or emailAddress", error.Field);
        Assert.Contains("-CreateOnly", error.Message);
        ProfileRowCheck.Check(Table, Body(("lastName", "Smith")), 9, ProfileWriteKind.CreateOnly);
        ProfileRowCheck.Check(Table, Body(("vip", "true")), 9, ProfileWriteKind.Update);
    }

    [Fact]
    public void A_created_profile_needs_its_mandatory_attributes_and_a_partial_update_does_not()
    {
        var error = Assert.Throws<ActitoRecordException>(() => ProfileRowCheck.Check(Table, Body(("customerId", 7)), 3, ProfileWriteKind.CreateOnly));

        Assert.Equal("lastName", error.Field);
        Assert.Contains("mandatory", error.Message);
        ProfileRowCheck.Check(Table, Body(("customerId", 7)), 3, ProfileWriteKind.Update);
    }

    [Fact]
    public void Unknown_subscriptions_segmentations_and_categories_are_refused()
    {
        var subscription = Valid();
        subscription["subscriptions"] = new JArray(new JObject { ["name"] = "Newsleter", ["subscribe"] = "true" });
        var category = Valid();
        category["segmentations"] = new JArray(new JObject { ["belongs"] = "true", ["segmentation"] = new JObject { ["name"] = "ClientType", ["category"] = "Platinum" } });

        Assert.Equal("subscriptions#Newsleter", Assert.Throws<ActitoRecordException>(() => ProfileRowCheck.Check(Table, subscription, 1, ProfileWriteKind.Upsert)).Field);
        Assert.Contains("Its categories: Gold, Silver", Assert.Throws<ActitoRecordException>(() => ProfileRowCheck.Check(Table, category, 1, ProfileWriteKind.Upsert)).Message);
    }
}
