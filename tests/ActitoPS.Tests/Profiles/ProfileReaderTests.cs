using ActitoPS.Core.Profiles;
using ActitoPS.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.Profiles;

public class ProfileReaderTests
{
    private static readonly ProfileTable Table = new("T", "1",
    [
        new ProfileAttribute("birthDate", "DATE", false, false),
        new ProfileAttribute("lastVisit", "DATETIME", false, false),
        new ProfileAttribute("customerId", "INTEGER", true, false),
        new ProfileAttribute("vip", "BOOLEAN", false, false),
        new ProfileAttribute("lastName", "STRING", false, false),
    ],
    ["Newsletter", "Promotions"], []);

    private const string Answer = """
        {"profileId":1147690,
         "attributes":[{"name":"lastName","value":"Smith"},{"name":"customerId","value":34567},{"name":"birthDate","value":"26/05/1967"},
                       {"name":"lastVisit","value":"2019-09-10 10:10:00"},{"name":"vip","value":"true"},{"name":"extra","value":2.5}],
         "subscriptions":[{"name":"Newsletter","subscribe":"true"},{"name":"Promotions","subscribe":"false"}],
         "segmentations":[{"belongs":"true","segmentation":{"name":"ClientType","category":"Gold"}},{"belongs":"true","segmentation":{"name":"ClientType","category":"Silver"}}],
         "futureField":"kept"}
        """;

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("th-TH")]
    public void Attributes_are_typed_by_the_structure_in_any_culture(string culture)
    {
        using var _ = new CultureScope(culture);

        var profile = ProfileReader.Read("T", Table, JToken.Parse(Answer));

        Assert.Equal(1147690L, profile.ProfileId);
        Assert.Equal(new DateTime(1967, 5, 26), profile.Attributes["birthDate"]);
        Assert.Equal(new DateTime(2019, 9, 10, 10, 10, 0), profile.Attributes["lastVisit"]);
        Assert.Equal(34567L, profile.Attributes["customerId"]);
        Assert.Equal(true, profile.Attributes["vip"]);
        Assert.Equal(2.5m, profile.Attributes["extra"]);
        Assert.Equal(["birthDate", "lastVisit", "customerId", "vip", "lastName", "extra"], profile.Attributes.Keys.Cast<string>());
        Assert.Equal(true, profile.Subscriptions["Newsletter"]);
        Assert.Equal(false, profile.Subscriptions["Promotions"]);
        Assert.Equal(new[] { "Gold", "Silver" }, (string[])profile.Segmentations["ClientType"]!);
        Assert.Equal("kept", ((System.Collections.IDictionary)profile.Response!)["futureField"]);
    }

    [Fact]
    public void Without_a_structure_numbers_stay_numbers_and_text_stays_text()
    {
        var profile = ProfileReader.Read("T", null, JToken.Parse(Answer));

        Assert.Equal(34567L, profile.Attributes["customerId"]);
        Assert.Equal("26/05/1967", profile.Attributes["birthDate"]);
    }
}
