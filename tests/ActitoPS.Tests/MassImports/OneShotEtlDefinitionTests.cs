using ActitoPS.Core.MassImports;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.MassImports;

public class OneShotEtlDefinitionTests
{
    [Fact]
    public void The_definition_has_the_guides_shape_for_a_profile_table()
    {
        var definition = new OneShotEtlDefinition(EtlDestinationType.ProfileTable, "123",
            [new("email", "emailAddress"), new("last_name", "lastName"), new("first_name", "firstName")])
        {
            GenerateResultFiles = true,
            ReportRecipients = ["john.smith@actito.com"],
        };

        var json = definition.ToJson();

        // The guide's step 4 example, less its remote file transfer (the file travels in the call).
        var guide = JObject.Parse("""
            {"type":"ONESHOT","inputFileProperties":{"csvFormat":{"encoding":"UTF-8","separator":",","enclosing":"\""}},
             "dataLoading":{"destination":{"type":"PROFILE_TABLE","id":"123","attributesMapping":[
                {"header":"email","attributeName":"emailAddress"},{"header":"last_name","attributeName":"lastName"},{"header":"first_name","attributeName":"firstName"}]},
              "parameters":{"mode":"CREATE_OR_UPDATE","generateErrorFiles":true,"generateResultFiles":true}},
             "reportRecipients":["john.smith@actito.com"]}
            """);
        Assert.True(JToken.DeepEquals(guide, json), json.ToString());
    }

    [Theory]
    [InlineData(EtlMode.CreateOrUpdate, "CREATE_OR_UPDATE")]
    [InlineData(EtlMode.CreateOnly, "CREATE_ONLY")]
    [InlineData(EtlMode.UpdateOnly, "UPDATE_ONLY")]
    [InlineData(EtlMode.Delete, "DELETE")]
    public void Modes_go_out_with_Actitos_names(EtlMode mode, string wire)
    {
        var json = new OneShotEtlDefinition(EtlDestinationType.CustomTable, "daf01958", [new("ref", "ref")]) { Mode = mode, Separator = ';' }.ToJson();

        Assert.Equal(wire, (string?)json["dataLoading"]!["parameters"]!["mode"]);
        Assert.Equal("CUSTOM_TABLE", (string?)json["dataLoading"]!["destination"]!["type"]);
        Assert.Equal(";", (string?)json["inputFileProperties"]!["csvFormat"]!["separator"]);
        Assert.Null(json["reportRecipients"]);
    }

    [Fact]
    public void The_recency_fields_are_the_guides_eleven()
    {
        Assert.Equal(11, OneShotEtlDefinition.RecencyFields.Count);
        Assert.Contains("lastMailOpeningMoment", OneShotEtlDefinition.RecencyFields);
        Assert.Contains("participationRecency", OneShotEtlDefinition.RecencyFields);
    }
}
