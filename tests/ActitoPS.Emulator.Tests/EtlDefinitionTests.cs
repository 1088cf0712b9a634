using System.Net;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>POST, GET, list and DELETE of TRIGGERED ETL definitions (…/etls): what is stored, what is refused.</summary>
public sealed class EtlDefinitionTests : TriggeredEtlTest
{
    [Fact]
    public async Task The_guides_multi_file_definition_is_accepted_as_it_stands_and_answered_201_with_its_id_and_Location()
    {
        using var first = await PostEtlAsync(Fixtures.Read(Fixtures.TriggeredEtlProfilesAndOrders));
        using var second = await PostEtlAsync(Fixtures.Read(Fixtures.TriggeredEtlProfilesAndOrders));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("""{"id":123456}""", await first.Content.ReadAsStringAsync());
        Assert.Equal($"/{Etls}/123456", first.Headers.Location?.OriginalString);
        Assert.Equal("""{"id":123457}""", await second.Content.ReadAsStringAsync());
        Assert.Empty(Admin.GetEtlExecutions());
    }

    [Fact]
    public async Task GET_answers_the_definition_as_posted_with_its_id_first()
    {
        var id = await CreateEtlAsync(GuideDefinition());

        var answer = await GetAsync($"{Etls}/{id}");

        var expected = new JsonObject { ["id"] = id };
        foreach (var (name, value) in GuideDefinition())
        {
            expected[name] = value?.DeepClone();
        }

        Assert.Equal(expected.ToJsonString(), JsonNode.Parse(answer.GetRawText())!.ToJsonString());
    }

    [Fact]
    public async Task The_list_holds_every_definition_of_the_entity_oldest_first()
    {
        var guide = await CreateEtlAsync(GuideDefinition());
        var oneFile = await CreateEtlAsync(OneFileDefinition("customerId,lastName"));

        var list = (await GetAsync(Etls)).GetProperty("etls").EnumerateArray().ToList();

        Assert.Equal([guide, oneFile], list.Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(["profiles-and-orders-triggered-ETL", "one-file"], list.Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_admin_API_lists_the_definitions_with_their_files_and_tables()
    {
        var id = await CreateEtlAsync(GuideDefinition());

        var etl = Assert.Single(Admin.GetEtlDefinitions());
        using var response = await Http.GetAsync("_emulator/etls");
        var overHttp = Assert.Single((await ReadJsonAsync(response)).EnumerateArray());

        Assert.Equal(id, etl.Id);
        Assert.Equal(TestLicences.Entity, etl.Entity);
        Assert.Equal("profiles-and-orders-triggered-ETL", etl.Name);
        Assert.False(etl.Paused);
        Assert.Equal(
            [
                new EtlDefinitionFileSnapshot("profiles", "profiles_$YYYYMMDD.csv", "PROFILE_TABLE", TestLicences.Table, "CREATE_OR_UPDATE"),
                new EtlDefinitionFileSnapshot("orders", "orders.csv", "CUSTOM_TABLE", TestLicences.GuideOrdersTable, "CREATE_ONLY"),
            ],
            etl.Files);
        Assert.Equal(id, etl.Definition.GetProperty("id").GetInt64());
        Assert.Equal(id, overHttp.GetProperty("id").GetInt64());
        Assert.Equal("profiles", overHttp.GetProperty("files")[0].GetProperty("fileCode").GetString());
        Assert.Equal("TRIGGERED", overHttp.GetProperty("definition").GetProperty("type").GetString());
    }

    [Fact]
    public async Task DELETE_removes_the_definition_and_answers_204()
    {
        var id = await CreateEtlAsync(GuideDefinition());

        using var deleted = await Http.DeleteAsync($"{Etls}/{id}");
        using var read = await Http.GetAsync($"{Etls}/{id}");
        using var again = await Http.DeleteAsync($"{Etls}/{id}");
        using var trigger = await TriggerAsync(id, GuideZip());

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertErrorAsync(read, HttpStatusCode.NotFound, "ETL_NOT_FOUND");
        await AssertErrorAsync(again, HttpStatusCode.NotFound, "ETL_NOT_FOUND");
        await AssertErrorAsync(trigger, HttpStatusCode.NotFound, "ETL_NOT_FOUND");
        Assert.Empty(Admin.GetEtlDefinitions());
    }

    [Fact]
    public async Task DELETE_of_an_ETL_with_an_execution_in_progress_is_409_and_keeps_it()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 600_000 });
        var id = await CreateEtlAsync(GuideDefinition());
        var execution = await StartTriggeredAsync(id, GuideZip());

        using var refused = await Http.DeleteAsync($"{Etls}/{id}");
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        await WaitForEndAsync(execution);
        using var accepted = await Http.DeleteAsync($"{Etls}/{id}");

        await AssertErrorAsync(refused, HttpStatusCode.Conflict, "ETL_EXECUTION_IN_PROGRESS");
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
    }

    [Theory]
    [InlineData("123", HttpStatusCode.NotFound, "ETL_NOT_FOUND")]
    [InlineData("abc", HttpStatusCode.BadRequest, "INVALID_ETL_ID")]
    public async Task An_unknown_or_malformed_ETL_id_is_refused(string id, HttpStatusCode status, string errorCode)
    {
        using var response = await Http.GetAsync($"{Etls}/{id}");

        await AssertErrorAsync(response, status, errorCode);
    }

    [Fact]
    public async Task An_unknown_entity_is_404_ENTITY_NOT_FOUND()
    {
        using var response = await Http.PostAsync("mass-imports/v5/entities/NoSuchEntity/etls", Json(GuideDefinition().ToJsonString()));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "ENTITY_NOT_FOUND");
    }

    [Theory]
    [InlineData("type", "\"ONESHOT\"", "INVALID_DEFINITION", "type")]
    [InlineData("name", null, "INVALID_DEFINITION", "name")]
    [InlineData("triggering.type", "\"SCHEDULED\"", "INVALID_DEFINITION", "triggering.type")]
    [InlineData("fileTransfer.input.files", "[]", "INVALID_DEFINITION", "fileTransfer.input.files")]
    [InlineData("fileTransfer.input.files.0.fileCode", "\"prof/iles\"", "INVALID_DEFINITION", "fileTransfer.input.files[0].fileCode")]
    [InlineData("fileTransfer.input.files.1.fileCode", "\"profiles\"", "DUPLICATE_FILE_CODE", "fileTransfer.input.files[1].fileCode")]
    [InlineData("fileTransfer.input.files.0.fileNamePattern", "\"profiles_$DATE.csv\"", "INVALID_FILE_NAME_PATTERN", "fileTransfer.input.files[0].fileNamePattern")]
    [InlineData("fileTransfer.input.files.0.fileNamePattern", "\"profiles_*.csv\"", "INVALID_FILE_NAME_PATTERN", "fileTransfer.input.files[0].fileNamePattern")]
    [InlineData("fileTransfer.input.files.0.fileNamePattern", "\"in/profiles.csv\"", "INVALID_FILE_NAME_PATTERN", "fileTransfer.input.files[0].fileNamePattern")]
    [InlineData("fileTransfer.input.files.0.fileNamePattern", null, "INVALID_FILE_NAME_PATTERN", "fileTransfer.input.files[0].fileNamePattern")]
    [InlineData("fileTransfer.input.files.1.fileNamePattern", "\"profiles_$YYYYMMDD.csv\"", "INVALID_FILE_NAME_PATTERN", "fileTransfer.input.files[1].fileNamePattern")]
    [InlineData("fileTransfer.input.files.0.compressedFileNamePattern", "\"$zip\"", "INVALID_FILE_NAME_PATTERN", "fileTransfer.input.files[0].compressedFileNamePattern")]
    [InlineData("fileTransfer.input.files.0.compressionType", "\"RAR\"", "INVALID_DEFINITION", "fileTransfer.input.files[0].compressionType")]
    [InlineData("inputFilesProperties.1.fileCode", "\"customers\"", "UNKNOWN_FILE_CODE", "inputFilesProperties[1].fileCode")]
    [InlineData("inputFilesProperties.1.fileCode", "\"profiles\"", "DUPLICATE_FILE_CODE", "inputFilesProperties[1].fileCode")]
    [InlineData("inputFilesProperties.0.csvFormat.encoding", "\"UTF-16\"", "INVALID_DEFINITION", "inputFilesProperties[0].csvFormat.encoding")]
    [InlineData("dataTransformations.0.fileCode", "\"invoices\"", "UNKNOWN_FILE_CODE", "dataTransformations[0].fileCode")]
    [InlineData("dataTransformations.0.transformations.0.transformation.type", "\"UPPER_CASE\"", "INVALID_DEFINITION", "dataTransformations[0].transformations[0].transformation.type")]
    [InlineData("dataTransformations.0.transformations.0.transformation.format", "\"MM-dd-yyyy hh:mm a\"", "INVALID_DEFINITION", "dataTransformations[0].transformations[0].transformation.format")]
    [InlineData("dataLoadings.1.fileCode", "\"invoices\"", "UNKNOWN_FILE_CODE", "dataLoadings[1].fileCode")]
    [InlineData("dataLoadings.1.fileCode", "\"profiles\"", "DUPLICATE_FILE_CODE", "dataLoadings[1].fileCode")]
    [InlineData("dataLoadings.1.destination.id", "\"no-such-table\"", "UNKNOWN_DESTINATION_TABLE", "dataLoadings[1].destination.id")]
    [InlineData("dataLoadings.0.destination.type", "\"SEGMENT\"", "INVALID_DEFINITION", "dataLoadings[0].destination.type")]
    [InlineData("dataLoadings.0.parameters.mode", "\"UPSERT\"", "INVALID_DEFINITION", "dataLoadings[0].parameters.mode")]
    [InlineData("dataLoadings.0.destination.attributesMapping.0.attributeName", "\"shoeSize\"", "UNKNOWN_ATTRIBUTE", "shoeSize")]
    [InlineData("dataLoadings.1.destination.attributesMapping.0.attributeName", "\"colour\"", "UNKNOWN_FIELD", "colour")]
    [InlineData("dataLoadings.1.destination.attributesMapping.0.attributeName", "\"orderRef\"", "INVALID_MAPPING", "formSource")]
    [InlineData("dataLoadings.0.parameters.keyAttribute", "\"customerId\"", "INVALID_MAPPING", "dataLoadings[0].parameters.keyAttribute")]
    [InlineData("dataLoadings.0.parameters.keyAttribute", "\"lastName\"", "ATTRIBUTE_NOT_UNIQUE", "dataLoadings[0].parameters.keyAttribute")]
    public async Task A_definition_the_emulator_cannot_run_is_400_naming_the_property_and_stores_nothing(string path, string? json, string errorCode, string field)
    {
        var definition = GuideDefinition();
        Edit(definition, path, json);

        using var response = await PostEtlAsync(definition);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, errorCode, field);
        Assert.Empty(Admin.GetEtlDefinitions());
    }

    [Fact]
    public async Task A_file_without_a_loading_is_400_INVALID_DEFINITION()
    {
        var definition = GuideDefinition();
        definition["dataLoadings"]!.AsArray().RemoveAt(1);

        using var response = await PostEtlAsync(definition);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_DEFINITION", "dataLoadings");
        Assert.Contains("'orders'", (await ReadJsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_one_shot_dataLoading_in_a_TRIGGERED_definition_is_400_INVALID_DEFINITION()
    {
        var definition = GuideDefinition();
        definition["dataLoading"] = definition["dataLoadings"]![0]!.DeepClone();
        definition.Remove("dataLoadings");

        using var response = await PostEtlAsync(definition);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_DEFINITION", "dataLoadings");
    }

    [Fact]
    public async Task A_body_over_1_MB_is_read_whole_and_refused_400_INVALID_DEFINITION_storing_nothing()
    {
        var definition = OneFileDefinition("customerId,lastName");
        definition["description"] = new string('x', 1024 * 1024);

        using var response = await PostEtlAsync(definition);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_DEFINITION");
        Assert.Empty(Admin.GetEtlDefinitions());
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_400_INVALID_JSON()
    {
        using var response = await PostEtlAsync("{\"type\": \"TRIGGERED\",");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_JSON");
    }

    [Fact]
    public async Task A_one_file_definition_needs_no_fileNamePattern_and_may_omit_triggering_and_csv_formats()
    {
        var definition = OneFileDefinition("customerId,lastName");
        definition.Remove("triggering");
        definition.Remove("inputFilesProperties");
        definition["fileTransfer"]!["input"]!["files"]![0]!.AsObject().Remove("fileNamePattern");

        var id = await CreateEtlAsync(definition);

        Assert.Null(Assert.Single(Assert.Single(Admin.GetEtlDefinitions(), e => e.Id == id).Files).FileNamePattern);
    }

    [Fact]
    public async Task Reset_clears_the_definitions_and_ids_start_again()
    {
        await CreateEtlAsync(GuideDefinition());

        Admin.Reset();
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        await AuthenticateAsync();

        Assert.Empty(Admin.GetEtlDefinitions());
        Assert.Equal(123456, await CreateEtlAsync(GuideDefinition()));
    }

    /// <summary>Sets (or, for null, removes) the property at a dotted path; a number in the path is an array index.</summary>
    internal static void Edit(JsonObject definition, string path, string? json)
    {
        var names = path.Split('.');
        JsonNode node = definition;
        foreach (var name in names[..^1])
        {
            node = int.TryParse(name, out var index) ? node[index]! : node[name]!;
        }

        var last = names[^1];
        if (json is null)
        {
            node.AsObject().Remove(last);
        }
        else
        {
            node[last] = JsonNode.Parse(json);
        }
    }
}
