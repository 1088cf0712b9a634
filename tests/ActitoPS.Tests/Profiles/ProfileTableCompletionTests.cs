using System.Net;
using ActitoPS.Core.Profiles;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.Profiles;

public class ProfileTableCompletionTests
{
    private const string Tables = "{\"profileTables\":[{\"id\":\"1\",\"name\":\"MyWebsiteProfiles\",\"attributes\":[{\"name\":\"customerId\",\"unique\":true}]},{\"id\":\"2\",\"name\":\"Partners\",\"attributes\":[]},{\"id\":\"3\",\"name\":\"myShopProfiles\"}]}";

    [Fact]
    public void Tables_are_offered_by_prefix_in_any_case_and_asked_for_once()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, Tables);
        using var connection = TestConnections.Connect(handler, new FakeClock());

        Assert.Equal(new[] { "myShopProfiles", "MyWebsiteProfiles" }, ProfileTableCompletion.Complete(connection, "my"));
        Assert.Equal(new[] { "Partners" }, ProfileTableCompletion.Complete(connection, "'pa"));
        Assert.Equal(3, ProfileTableCompletion.Complete(connection, "").Count());
        Assert.Single(handler.ApiCalls);
    }

    [Fact]
    public void A_failing_lookup_offers_nothing_instead_of_an_error()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.Forbidden, "{\"message\":\"no right\"}");
        using var connection = TestConnections.Connect(handler, new FakeClock());

        Assert.Empty(ProfileTableCompletion.Complete(connection, "My"));
        Assert.Empty(ProfileTableCompletion.Complete(null, "My"));
    }

    [Fact]
    public void Unique_keys_are_read_from_the_structure_whatever_the_form_of_unique()
    {
        var tables = ProfileTable.ParseList(Newtonsoft.Json.Linq.JToken.Parse(
            "{\"_embedded\":{\"tables\":[{\"name\":\"T\",\"attributes\":[{\"name\":\"a\",\"unique\":\"true\"},{\"name\":\"b\",\"unique\":false},{\"name\":\"c\",\"unique\":true}]}]}}"));

        var table = Assert.Single(tables);
        Assert.Equal(new[] { "a", "c" }, table.UniqueAttributes.OrderBy(n => n));
    }
}
