using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>POST …/etls/{etlId}/trigger-execution: the pushed files found by their patterns, loaded file by file, or the execution FAILED.</summary>
public sealed class EtlTriggerTests : TriggeredEtlTest
{
    [Fact]
    public async Task The_guides_two_file_ZIP_loads_profiles_into_the_profile_table_and_orders_into_the_custom_table()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());

        using var response = await TriggerAsync(etlId, GuideZip("eMail\njohn.smith@actito.com\njane.doe@actito.com\n", "source\nstore-12\n"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("""{"id":123456}""", await response.Content.ReadAsStringAsync());
        Assert.Equal($"/{Executions}/123456", response.Headers.Location?.OriginalString);
        var execution = await WaitForEndAsync(123456);

        AssertCounters(execution, read: 3, inError: 0, inserted: 3, updated: 0, deleted: 0);
        Assert.Equal(["jane.doe@actito.com", "john.smith@actito.com"], Profiles().Select(p => p.Attributes["emailAddress"]).Order());
        Assert.Equal("store-12", Assert.Single(GuideOrders()).BusinessKey);
    }

    [Fact]
    public async Task A_triggered_execution_answers_TRIGGERED_its_etlId_and_each_files_name_destination_and_counters()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        var zip = GuideZip();
        var id = await StartTriggeredAsync(etlId, zip, "ordergeneration_20240115.zip");
        var execution = await WaitForEndAsync(id);

        AssertSameJson(
            $$$"""
            {"id":123456,"type":"TRIGGERED","etlId":123456,"status":"FINISHED",
             "inputFile":{"name":"ordergeneration_20240115.zip","compression":"ZIP","sizeBytes":{{{zip.Length}}}},
             "files":[
              {"fileCode":"profiles","fileName":"profiles_20240115.csv",
               "destination":{"type":"PROFILE_TABLE","id":"1","name":"MyWebsiteProfiles"},"mode":"CREATE_OR_UPDATE",
               "generateErrorFiles":true,"generateResultFiles":false,
               "integrationResults":{"linesRead":1,"linesInError":0,"linesInserted":1,"linesUpdated":0,"linesDeleted":0}},
              {"fileCode":"orders","fileName":"orders.csv",
               "destination":{"type":"CUSTOM_TABLE","id":"bezoeiodif-sdfsdf-dfs-sdfsdf","name":"StoreOrders"},"mode":"CREATE_ONLY",
               "generateErrorFiles":true,"generateResultFiles":false,
               "integrationResults":{"linesRead":1,"linesInError":0,"linesInserted":1,"linesUpdated":0,"linesDeleted":0}}],
             "reportRecipients":["john.smith@actito.com"],
             "startMoment":"2024-01-15T09:00:00+00:00","endMoment":"2024-01-15T09:00:00+00:00",
             "integrationResults":{"linesRead":2,"linesInError":0,"linesInserted":2,"linesUpdated":0,"linesDeleted":0}}
            """,
            execution.GetRawText());
        Assert.Equal(
            """{"executionId":123456,"status":"FINISHED","integrationResults":{"linesRead":2,"linesInError":0,"linesInserted":2,"linesUpdated":0,"linesDeleted":0}}""",
            (await GetAsync($"{Executions}/{id}/integration-results")).GetRawText());
    }

    [Fact]
    public async Task The_admin_API_shows_a_triggered_execution_with_its_ETL_and_files()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        await RunTriggeredAsync(etlId, GuideZip());

        var snapshot = Assert.Single(Admin.GetEtlExecutions());

        Assert.Equal("TRIGGERED", snapshot.Type);
        Assert.Equal(etlId, snapshot.EtlId);
        Assert.Equal(("PROFILE_TABLE", TestLicences.Table, "CREATE_OR_UPDATE"), (snapshot.DestinationType, snapshot.DestinationTable, snapshot.Mode));
        Assert.Equal(["profiles", "orders"], snapshot.Files!.Select(f => f.FileCode));
        Assert.Equal([$"profiles_{Today}.csv", "orders.csv"], snapshot.Files!.Select(f => f.FileName));
        Assert.Equal([1, 1], snapshot.Files!.Select(f => f.IntegrationResults!.LinesInserted));
    }

    [Fact]
    public async Task The_date_in_a_fileNamePattern_is_the_emulators_UTC_day_when_the_execution_is_triggered()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());
        Clock.Advance(TimeSpan.FromDays(1));
        await AuthenticateAsync();

        var yesterdays = await RunTriggeredAsync(etlId, GuideZip());
        var todays = await RunTriggeredAsync(etlId, Zip(("profiles_20240116.csv", Utf8("eMail\njohn.smith@actito.com\n")), ("orders.csv", Utf8("source\nweb\n"))));

        AssertFailed(yesterdays, "MISSING_FILE");
        Assert.Contains("'profiles_20240116.csv'", yesterdays.GetProperty("error").GetProperty("message").GetString());
        AssertCounters(todays, read: 2, inError: 0, inserted: 2, updated: 0, deleted: 0);
    }

    [Fact]
    public async Task A_file_missing_from_the_ZIP_is_FAILED_MISSING_FILE_naming_it_and_nothing_is_loaded()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());

        var execution = await RunTriggeredAsync(etlId, Zip(("orders.csv", Utf8("source\nstore-12\n"))));

        AssertFailed(execution, "MISSING_FILE");
        var error = execution.GetProperty("error");
        Assert.Equal("profiles", error.GetProperty("fileCode").GetString());
        Assert.Contains("'profiles_20240115.csv'", error.GetProperty("message").GetString());
        Assert.Contains("'orders.csv'", error.GetProperty("message").GetString());
        Assert.Empty(GuideOrders());
        Assert.Empty(Profiles());
        Assert.Equal("""{"executionId":123456,"status":"FAILED","outputFiles":[]}""", (await GetAsync($"{Executions}/123456/output-files")).GetRawText());
        Assert.Equal("MISSING_FILE", Assert.Single(Admin.GetEtlExecutions()).ErrorCode);
    }

    [Fact]
    public async Task A_ZIP_entry_no_file_matches_is_FAILED_UNMATCHED_FILE_and_nothing_is_loaded()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());

        var execution = await RunTriggeredAsync(etlId, GuideZip(more: ("invoices.csv", Utf8("x\n1\n"))));

        AssertFailed(execution, "UNMATCHED_FILE");
        Assert.Contains("'invoices.csv'", execution.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(Profiles());
        Assert.Empty(GuideOrders());
    }

    [Fact]
    public async Task Entries_are_matched_by_their_name_in_any_folder_of_the_ZIP_case_sensitively()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());

        var inFolders = await RunTriggeredAsync(etlId, Zip(($"export/profiles_{Today}.csv", Utf8("eMail\na@actito.com\n")), ("export/orders.csv", Utf8("source\nweb\n"))));
        var otherCase = await RunTriggeredAsync(etlId, Zip(($"profiles_{Today}.csv", Utf8("eMail\nb@actito.com\n")), ("Orders.csv", Utf8("source\nshop\n"))));

        AssertCounters(inFolders, read: 2, inError: 0, inserted: 2, updated: 0, deleted: 0);
        AssertFailed(otherCase, "MISSING_FILE");
    }

    [Fact]
    public async Task A_global_failure_of_the_second_file_loads_nothing_of_the_first_and_names_the_file()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());

        var execution = await RunTriggeredAsync(etlId, GuideZip(orders: "source;extra\nweb;1\n"));

        AssertFailed(execution, "UNMAPPED_HEADER");
        var error = execution.GetProperty("error");
        Assert.Equal("orders", error.GetProperty("fileCode").GetString());
        Assert.StartsWith("File 'orders' (orders.csv): ", error.GetProperty("message").GetString());
        Assert.Empty(Profiles());
    }

    [Fact]
    public async Task Each_file_is_read_with_its_own_csvFormat()
    {
        var definition = GuideDefinition();
        definition["inputFilesProperties"]![1]!["csvFormat"]!["separator"] = ",";
        var etlId = await CreateEtlAsync(definition);

        // The guide's profiles file is ';'-separated, the orders file now ','.
        var execution = await RunTriggeredAsync(etlId, GuideZip("eMail\njohn.smith@actito.com\n", "source\n\"store,12\"\n"));

        AssertCounters(execution, read: 2, inError: 0, inserted: 2, updated: 0, deleted: 0);
        Assert.Equal("store,12", Assert.Single(GuideOrders()).BusinessKey);
    }

    [Fact]
    public async Task Each_file_has_its_own_error_and_result_files()
    {
        var definition = GuideDefinition();
        definition["dataLoadings"]![1]!["parameters"]!["generateResultFiles"] = true;
        var etlId = await CreateEtlAsync(definition);

        var execution = await RunTriggeredAsync(etlId, GuideZip("eMail\nnot-an-email\n", "source\nweb\n"));

        AssertCounters(execution, read: 2, inError: 1, inserted: 1, updated: 0, deleted: 0);
        var files = await OutputFilesAsync(123456);
        Assert.Equal($"etl-execution-123456-profiles-errors.csv", files["ERROR"].GetProperty("name").GetString());
        Assert.Equal($"etl-execution-123456-orders-results.csv", files["RESULT"].GetProperty("name").GetString());
        var errors = Encoding.UTF8.GetString(await DownloadAsync(files["ERROR"]));
        Assert.StartsWith("lineNumber,errorCode,errorMessage,eMail\r\n2,INVALID_ATTRIBUTE_VALUE,", errors);
        Assert.Equal("lineNumber,result,businessKey,source\r\n2,INSERTED,web,web\r\n", Encoding.UTF8.GetString(await DownloadAsync(files["RESULT"])));
        var perFile = execution.GetProperty("files");
        Assert.Equal(1, perFile[0].GetProperty("integrationResults").GetProperty("linesInError").GetInt32());
        Assert.Equal(1, perFile[1].GetProperty("integrationResults").GetProperty("linesInserted").GetInt32());
    }

    [Fact]
    public async Task A_DATE_FORMAT_transformation_reads_the_column_in_its_format_and_a_value_in_another_is_that_lines_error()
    {
        var definition = GuideDefinition();
        definition["dataLoadings"]![1]!["destination"]!["attributesMapping"]!.AsArray().Add(new JsonObject { ["header"] = "orderMoment", ["attributeName"] = "orderMoment" });
        var etlId = await CreateEtlAsync(definition);

        var execution = await RunTriggeredAsync(etlId, GuideZip(orders: "source;orderMoment\nweb;10-29-2024 13:45:00\nshop;2024-10-29 13:45:00\n"));

        AssertCounters(execution, read: 3, inError: 1, inserted: 2, updated: 0, deleted: 0);
        var order = Assert.Single(GuideOrders());
        Assert.Equal(new DateTimeOffset(2024, 10, 29, 13, 45, 0, TimeSpan.Zero), order.Properties["orderMoment"]);
        var errors = Encoding.UTF8.GetString(await DownloadAsync((await OutputFilesAsync(123456))["ERROR"]));
        Assert.StartsWith("lineNumber,errorCode,errorMessage,source,orderMoment\r\n3,INVALID_DATE_FORMAT,", errors);
        Assert.EndsWith(",shop,2024-10-29 13:45:00\r\n", errors);
    }

    [Theory]
    [InlineData("any-name.txt", false)]
    [InlineData("data.csv.gz", true)]
    public async Task A_one_file_ETL_takes_a_CSV_or_a_GZIP_under_any_name(string fileName, bool gzip)
    {
        var etlId = await CreateEtlAsync(OneFileDefinition("customerId,lastName"));
        var csv = Utf8("customerId,lastName\n1,Smith\n");

        var execution = await RunTriggeredAsync(etlId, gzip ? Gzip(csv) : csv, fileName);

        AssertCounters(execution, read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
        Assert.Equal(fileName, execution.GetProperty("files")[0].GetProperty("fileName").GetString());
        Assert.Equal("PROFILE_TABLE", execution.GetProperty("destination").GetProperty("type").GetString());
        Assert.Equal("CREATE_OR_UPDATE", execution.GetProperty("mode").GetString());
        Assert.Equal("Smith", Profile("customerId", "1").Attributes["lastName"]);
    }

    [Fact]
    public async Task A_one_file_ETL_takes_a_ZIP_of_one_file_whatever_its_entrys_name()
    {
        var etlId = await CreateEtlAsync(OneFileDefinition("customerId,lastName"));

        var execution = await RunTriggeredAsync(etlId, Zip(("export-2023.csv", Utf8("customerId,lastName\n1,Smith\n"))));

        AssertCounters(execution, read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
        Assert.Equal("export-2023.csv", execution.GetProperty("files")[0].GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task A_multi_file_ETL_given_other_than_a_ZIP_is_400_INVALID_ARCHIVE_and_spends_no_import()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        var etlId = await CreateEtlAsync(GuideDefinition());

        using var refused = await TriggerAsync(etlId, Utf8("eMail\njohn.smith@actito.com\n"), $"profiles_{Today}.csv");
        using var accepted = await TriggerAsync(etlId, GuideZip());

        await AssertErrorAsync(refused, HttpStatusCode.BadRequest, "INVALID_ARCHIVE");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task A_one_file_ETL_given_a_ZIP_of_two_files_is_400_INVALID_ARCHIVE()
    {
        var etlId = await CreateEtlAsync(OneFileDefinition("customerId,lastName"));

        using var response = await TriggerAsync(etlId, Zip(("a.csv", Utf8("customerId\n1\n")), ("b.csv", Utf8("customerId\n2\n"))));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_ARCHIVE");
        Assert.Empty(Admin.GetEtlExecutions());
    }

    [Fact]
    public async Task Each_table_of_a_triggered_execution_spends_one_import_of_the_day_all_or_none()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 2 });
        var etlId = await CreateEtlAsync(GuideDefinition());
        await RunAsync("customerId,lastName\n1,Smith\n", Definition("customerId,lastName"));

        using var first = await TriggerAsync(etlId, GuideZip());
        using var second = await TriggerAsync(etlId, GuideZip());
        // The refused trigger spent nothing: the custom table has one import left.
        using var oneShotOrders = await SubmitAsync(Utf8("source\nweb\n"), Definition("source=formSource", "CREATE_ONLY", TestLicences.GuideOrdersId, "CUSTOM_TABLE"));
        using var oneShotProfiles = await SubmitAsync(Utf8("customerId,lastName\n1,Smith\n"), Definition("customerId,lastName"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertErrorAsync(second, HttpStatusCode.TooManyRequests, "DAILY_IMPORT_QUOTA_EXCEEDED");
        var body = await ReadJsonAsync(second);
        Assert.Contains("'MyWebsiteProfiles' has had its 2 bulk imports", body.GetProperty("message").GetString());
        Assert.Equal("2024-01-16T00:00:00+00:00", body.GetProperty("resetsAt").GetString());
        Assert.Equal(TimeSpan.FromHours(15), second.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, oneShotOrders.StatusCode);
        await AssertErrorAsync(oneShotProfiles, HttpStatusCode.TooManyRequests, "DAILY_IMPORT_QUOTA_EXCEEDED");
    }

    [Fact]
    public async Task Two_files_into_one_table_spend_one_import_of_it()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        var definition = GuideDefinition();
        definition["dataLoadings"]![1] = new JsonObject
        {
            ["fileCode"] = "orders",
            ["destination"] = new JsonObject { ["type"] = "PROFILE_TABLE", ["id"] = "1", ["attributesMapping"] = Mapping("source=lastName,id=customerId") },
            ["parameters"] = new JsonObject { ["mode"] = "CREATE_OR_UPDATE" },
        };
        var etlId = await CreateEtlAsync(definition);

        var execution = await RunTriggeredAsync(etlId, GuideZip(orders: "source;id\nSmith;7\n"));

        AssertCounters(execution, read: 2, inError: 0, inserted: 2, updated: 0, deleted: 0);
    }

    [Fact]
    public async Task A_paused_ETL_is_409_ETL_PAUSED()
    {
        var definition = GuideDefinition();
        definition["triggering"]!["paused"] = true;
        var etlId = await CreateEtlAsync(definition);

        using var response = await TriggerAsync(etlId, GuideZip());

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "ETL_PAUSED");
        Assert.True(Assert.Single(Admin.GetEtlDefinitions()).Paused);
        Assert.Empty(Admin.GetEtlExecutions());
    }

    [Fact]
    public async Task A_call_without_a_file_asks_for_the_remote_location_which_is_400_REMOTE_LOCATION_NOT_EMULATED()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());

        using var empty = await Http.PostAsync($"{Etls}/{etlId}/trigger-execution", null);
        using var json = await Http.PostAsync($"{Etls}/{etlId}/trigger-execution", Json("{}"));
        using var noFile = await Http.PostAsync($"{Etls}/{etlId}/trigger-execution", new MultipartFormDataContent { { new StringContent("x"), "other" } });

        await AssertErrorAsync(empty, HttpStatusCode.BadRequest, "REMOTE_LOCATION_NOT_EMULATED");
        await AssertErrorAsync(json, HttpStatusCode.BadRequest, "REMOTE_LOCATION_NOT_EMULATED");
        await AssertErrorAsync(noFile, HttpStatusCode.BadRequest, "MISSING_INPUT_FILE");
    }

    [Fact]
    public async Task Triggering_an_unknown_ETL_is_404_ETL_NOT_FOUND()
    {
        using var response = await TriggerAsync(999, GuideZip());

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "ETL_NOT_FOUND");
    }

    [Fact]
    public async Task One_shot_and_triggered_executions_share_one_id_sequence()
    {
        var etlId = await CreateEtlAsync(GuideDefinition());

        var oneShot = await StartAsync("customerId,lastName\n1,Smith\n", Definition("customerId,lastName"));
        var triggered = await StartTriggeredAsync(etlId, GuideZip());

        Assert.Equal([123456L, 123457L], new[] { oneShot, triggered });
        Assert.Equal("ONESHOT", (await WaitForEndAsync(oneShot)).GetProperty("type").GetString());
        Assert.Equal("TRIGGERED", (await WaitForEndAsync(triggered)).GetProperty("type").GetString());
    }

    /// <summary>Equal as JSON, property order included, whatever the whitespace.</summary>
    private static void AssertSameJson(string expected, string actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), JsonNode.Parse(actual)!.ToJsonString());
}
