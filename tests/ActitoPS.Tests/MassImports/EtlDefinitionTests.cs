using ActitoPS.Core.MassImports;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.MassImports;

/// <summary>TRIGGERED ETL definitions: the guide's JSON read as it stands, and fileNamePattern rendered for a given day.</summary>
public sealed class EtlDefinitionTests
{
    [Theory]
    [InlineData("profiles_$YYYYMMDD.csv", "2024-10-29T09:00:00+00:00", "profiles_20241029.csv")]
    [InlineData("orders.csv", "2024-10-29T09:00:00+00:00", "orders.csv")]
    [InlineData("export_$YYYY-$MM-$DD.csv", "2025-01-05T23:30:00+00:00", "export_2025-01-05.csv")]
    // The day is UTC's: late evening in Brussels on the 31st is already the 1st.
    [InlineData("p_$YYYYMMDD.csv", "2024-12-31T23:30:00-02:00", "p_20250101.csv")]
    public void A_file_name_pattern_renders_for_the_UTC_day(string pattern, string moment, string expected) =>
        Assert.Equal(expected, EtlFileNamePattern.Render(pattern, DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_guides_multi_file_definition_reads_its_files_separators_and_loadings()
    {
        var guide = """
            {"type":"TRIGGERED","name":"profiles-and-orders-triggered-ETL","triggering":{"type":"API","paused":false},
             "fileTransfer":{"input":{"files":[
               {"fileCode":"profiles","fileNamePattern":"profiles_$YYYYMMDD.csv","compressionType":"ZIP","compressedFileNamePattern":"ordergeneration_$YYYYMMDD.zip"},
               {"fileCode":"orders","fileNamePattern":"orders.csv","compressionType":"ZIP","compressedFileNamePattern":"ordergeneration_$YYYYMMDD.zip"}]}},
             "inputFilesProperties":[{"fileCode":"profiles","csvFormat":{"encoding":"UTF-8","separator":";","enclosing":"\""}},
                                     {"fileCode":"orders","csvFormat":{"encoding":"UTF-8","separator":";","enclosing":"\""}}],
             "dataLoadings":[
               {"fileCode":"profiles","destination":{"type":"PROFILE_TABLE","id":"1","attributesMapping":[{"header":"eMail","attributeName":"emailAddress"}]},
                "parameters":{"mode":"CREATE_OR_UPDATE","generateResultFiles":false,"generateErrorFiles":true}},
               {"fileCode":"orders","destination":{"type":"CUSTOM_TABLE","id":"bezoeiodif-sdfsdf-dfs-sdfsdf","attributesMapping":[{"header":"source","attributeName":"formSource"}]},
                "parameters":{"mode":"CREATE_ONLY","generateResultFiles":false,"generateErrorFiles":true}}]}
            """;

        var definition = EtlDefinition.FromText(guide, "the guide");

        Assert.Equal("profiles-and-orders-triggered-ETL", definition.Name);
        Assert.Equal([("profiles", "profiles_$YYYYMMDD.csv", ';'), ("orders", "orders.csv", ';')], definition.Files.Select(f => (f.FileCode, f.FileNamePattern, f.Separator)));
        var orders = definition.Loadings[1];
        Assert.Equal((EtlDestinationType.CustomTable, "bezoeiodif-sdfsdf-dfs-sdfsdf", EtlMode.CreateOnly), (orders.DestinationType, orders.DestinationId, orders.Mode));
        Assert.Equal([new KeyValuePair<string, string>("source", "formSource")], orders.Mapping);
        Assert.Equal(["1", "bezoeiodif-sdfsdf-dfs-sdfsdf"], definition.Tables);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_an_argument_error_that_names_where_it_came_from()
    {
        var error = Assert.Throws<ArgumentException>(() => EtlDefinition.FromText("{ not json", "etl.json"));

        Assert.StartsWith("etl.json is not a JSON ETL definition", error.Message);
    }

    [Fact]
    public void A_definition_given_as_nested_dictionaries_reads_as_its_JSON_would()
    {
        var plain = new Dictionary<string, object?>
        {
            ["type"] = "TRIGGERED",
            ["name"] = "x",
            ["fileTransfer"] = new Dictionary<string, object?> { ["input"] = new Dictionary<string, object?> { ["files"] = new List<object?> { new Dictionary<string, object?> { ["fileCode"] = "data" } } } },
            ["dataLoadings"] = new List<object?> { new Dictionary<string, object?> { ["fileCode"] = "data", ["destination"] = new Dictionary<string, object?> { ["type"] = "PROFILE_TABLE", ["id"] = "1" }, ["parameters"] = new Dictionary<string, object?> { ["mode"] = "DELETE" } } },
        };

        var definition = EtlDefinition.FromObject(plain);

        Assert.Equal(EtlMode.Delete, definition.Loadings.Single().Mode);
        Assert.Equal("data", definition.Files.Single().FileCode);
        Assert.Equal(',', definition.Files.Single().Separator);
        Assert.IsType<JObject>(definition.Json);
    }
}
