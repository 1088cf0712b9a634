using System.Collections.Specialized;
using ActitoPS.Core.Http;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Tests.Http;

public class PlainJsonTests
{
    [Fact]
    public void Objects_arrays_and_values_keep_their_order_type_and_unknown_fields()
    {
        var json = JsonText.Parse("{\"profileId\":1147690,\"warnings\":[\"a\",{\"code\":\"X\"}],\"score\":1.50,\"ok\":true,\"at\":\"2019-02-25T17:26:44+01:00\",\"none\":null}");

        var plain = Assert.IsType<OrderedDictionary>(PlainJson.From(json));

        Assert.Equal(new[] { "profileId", "warnings", "score", "ok", "at", "none" }, plain.Keys.Cast<string>());
        Assert.Equal(1147690L, plain["profileid"]);
        var warnings = Assert.IsType<object?[]>(plain["warnings"]);
        Assert.Equal("a", warnings[0]);
        Assert.Equal("X", ((OrderedDictionary)warnings[1]!)["code"]);
        Assert.Equal(1.50m, plain["score"]);
        Assert.Equal(true, plain["ok"]);
        Assert.Equal("2019-02-25T17:26:44+01:00", plain["at"]); // dates stay Actito's text
        Assert.Null(plain["none"]);
    }

    [Fact]
    public void A_result_exposes_the_answer_as_plain_values()
    {
        var result = new ProfileUpsertResult(3, "T", 9, JsonText.Parse("{\"profileId\":9,\"extra\":\"kept\"}"));
        var response = Assert.IsType<OrderedDictionary>(result.Response);
        Assert.Equal("kept", response["extra"]);
    }
}
