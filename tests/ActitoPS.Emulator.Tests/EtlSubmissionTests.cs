using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>POST /mass-imports/v5/entities/{e}/etl-executions: what is accepted, what is refused before anything starts.</summary>
public sealed class EtlSubmissionTests : EtlTest
{
    private const string OneProfile = "customerId,lastName\n1,Smith\n";

    [Fact]
    public async Task A_multipart_call_answers_201_with_the_new_executions_id_and_its_Location()
    {
        using var first = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));
        using var second = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("""{"id":123456}""", await first.Content.ReadAsStringAsync());
        Assert.Equal($"/{Executions}/123456", first.Headers.Location?.OriginalString);
        Assert.Equal("""{"id":123457}""", await second.Content.ReadAsStringAsync());
        Assert.Equal([123456L, 123457L], Admin.GetEtlExecutions().Select(e => e.Id));
    }

    [Fact]
    public async Task The_definition_may_be_a_text_part_as_well_as_a_file_part()
    {
        using var response = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"), definitionAsText: true);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        AssertCounters(await WaitForEndAsync(123456), read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
        Assert.Equal("Smith", Profile("customerId", "1").Attributes["lastName"]);
    }

    [Fact]
    public async Task The_guides_JSON_body_for_a_file_on_an_FTPS_location_is_400_REMOTE_LOCATION_NOT_EMULATED()
    {
        var body = Definition("email=emailAddress,last_name=lastName");
        body["fileTransfer"] = JsonNode.Parse("""
            {"input":{"file":{"fileNamePattern":"customers.csv","compressionType":"GZIP","compressedFileNamePattern":"customers.csv.gz"},
                      "location":{"type":"REMOTE","remoteLocationId":"1"},"deleteFilesOnSuccess":true},
             "output":{"location":{"type":"REMOTE","remoteLocationId":"1"}}}
            """);

        using var response = await Http.PostAsync(Executions, Json(body.ToJsonString()));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "REMOTE_LOCATION_NOT_EMULATED");
        Assert.Contains("multipart/form-data", (await ReadJsonAsync(response)).GetProperty("message").GetString());
        Assert.Empty(Admin.GetEtlExecutions());
    }

    [Fact]
    public async Task An_unreadable_definition_is_400_INVALID_DEFINITION_and_spends_no_import_of_the_day()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });

        using var refused = await SubmitAsync(new ByteArrayContent(Utf8(OneProfile)), "{\"type\": \"ONESHOT\",");
        using var accepted = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));

        await AssertErrorAsync(refused, HttpStatusCode.BadRequest, "INVALID_DEFINITION", "oneshotEtl");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Single(Admin.GetEtlExecutions());
    }

    [Theory]
    [InlineData("type", "\"TRIGGERED\"", "type")]
    [InlineData("type", null, "type")]
    [InlineData("dataLoading", null, "dataLoading")]
    [InlineData("dataLoading.destination.type", "\"SEGMENT\"", "dataLoading.destination.type")]
    [InlineData("dataLoading.destination.id", null, "dataLoading.destination.id")]
    [InlineData("dataLoading.destination.attributesMapping", "[]", "dataLoading.destination.attributesMapping")]
    [InlineData("dataLoading.parameters.mode", "\"UPSERT\"", "dataLoading.parameters.mode")]
    [InlineData("dataLoading.parameters.mode", null, "dataLoading.parameters.mode")]
    [InlineData("dataLoading.parameters.generateErrorFiles", "\"yes\"", "dataLoading.parameters.generateErrorFiles")]
    [InlineData("inputFileProperties.csvFormat.separator", "\";;\"", "inputFileProperties.csvFormat.separator")]
    [InlineData("inputFileProperties.csvFormat.separator", "\"\\\"\"", "inputFileProperties.csvFormat.separator")]
    [InlineData("inputFileProperties.csvFormat.encoding", "\"UTF-16\"", "inputFileProperties.csvFormat.encoding")]
    [InlineData("reportRecipients", "\"john.smith@actito.com\"", "reportRecipients")]
    public async Task A_definition_the_emulator_cannot_follow_is_400_INVALID_DEFINITION_naming_the_property(string path, string? json, string field)
    {
        var definition = Definition("customerId,lastName");
        Edit(definition, path, json);

        using var response = await SubmitAsync(Utf8(OneProfile), definition);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_DEFINITION", field);
        Assert.Empty(Admin.GetEtlExecutions());
    }

    [Fact]
    public async Task Property_names_match_in_any_case_and_the_legacy_CREATE_UPDATE_is_CREATE_OR_UPDATE()
    {
        var json = Definition("customerId,lastName").ToJsonString()
            .Replace("\"dataLoading\"", "\"DataLoading\"", StringComparison.Ordinal)
            .Replace("CREATE_OR_UPDATE", "CREATE_UPDATE", StringComparison.Ordinal);

        using var response = await SubmitAsync(new ByteArrayContent(Utf8(OneProfile)), json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("CREATE_OR_UPDATE", (await WaitForEndAsync(123456)).GetProperty("mode").GetString());
    }

    [Theory]
    [InlineData("PROFILE_TABLE", "NoSuchTable")]
    [InlineData("PROFILE_TABLE", "2")]
    [InlineData("CUSTOM_TABLE", "NoSuchTable")]
    [InlineData("CUSTOM_TABLE", "MyWebsiteProfiles")]
    public async Task An_unknown_destination_table_is_400_UNKNOWN_DESTINATION_TABLE(string type, string table)
    {
        using var response = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName", table: table, destinationType: type));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "UNKNOWN_DESTINATION_TABLE", "dataLoading.destination.id");
        Assert.Contains(table, (await ReadJsonAsync(response)).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("PROFILE_TABLE", TestLicences.Table, "shoeSize", "UNKNOWN_ATTRIBUTE")]
    [InlineData("PROFILE_TABLE", TestLicences.Table, "EmailAddress", "UNKNOWN_ATTRIBUTE")]
    [InlineData("PROFILE_TABLE", TestLicences.Table, "subscriptions#Sms", "UNKNOWN_SUBSCRIPTION")]
    [InlineData("PROFILE_TABLE", TestLicences.Table, "S_Region", "UNKNOWN_SEGMENTATION")]
    [InlineData("CUSTOM_TABLE", TestLicences.CustomTable, "colour", "UNKNOWN_FIELD")]
    [InlineData("CUSTOM_TABLE", TestLicences.CustomTable, "creationMoment", "TECHNICAL_FIELD")]
    public async Task A_mapping_to_a_field_the_table_lacks_is_400_naming_the_header_and_the_field(string type, string table, string field, string errorCode)
    {
        var mapping = type == "PROFILE_TABLE" ? $"customerId,col={field}" : $"ref,refMagasin,montant,customerId,col={field}";

        using var response = await SubmitAsync(Utf8(OneProfile), Definition(mapping, table: table, destinationType: type));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, errorCode, field);
        Assert.Contains("header 'col'", (await ReadJsonAsync(response)).GetProperty("message").GetString());
        Assert.Empty(Admin.GetEtlExecutions());
    }

    [Theory]
    [InlineData("CREATE_OR_UPDATE")]
    [InlineData("UPDATE_ONLY")]
    public async Task A_recency_field_outside_CREATE_ONLY_is_400_INVALID_MAPPING(string mode)
    {
        using var refused = await SubmitAsync(Utf8(OneProfile), Definition("customerId,opened=lastMailOpeningMoment", mode));
        using var accepted = await SubmitAsync(Utf8(OneProfile), Definition("customerId,opened=lastMailOpeningMoment", "CREATE_ONLY"));

        await AssertErrorAsync(refused, HttpStatusCode.BadRequest, "INVALID_MAPPING", "lastMailOpeningMoment");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task A_custom_table_mapping_without_the_business_key_is_400_INVALID_MAPPING()
    {
        using var response = await SubmitAsync(Utf8("montant\n1\n"), TicketDefinition("montant", "UPDATE_ONLY"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_MAPPING", "ref");
    }

    [Theory]
    [InlineData("UPDATE_ONLY", "lastName,firstName", null, "INVALID_MAPPING")]
    [InlineData("DELETE", "lastName", null, "INVALID_MAPPING")]
    [InlineData("CREATE_OR_UPDATE", "customerId,lastName", "lastName", "ATTRIBUTE_NOT_UNIQUE")]
    [InlineData("CREATE_OR_UPDATE", "customerId,lastName", "emailAddress", "INVALID_MAPPING")]
    [InlineData("CREATE_OR_UPDATE", "customerId,lastName,name=lastName", null, "INVALID_MAPPING")]
    public async Task A_profile_mapping_that_cannot_find_or_load_its_profiles_is_400(string mode, string mapping, string? keyAttribute, string errorCode)
    {
        var definition = Definition(mapping, mode);
        if (keyAttribute is not null)
        {
            definition["dataLoading"]!["parameters"]!["keyAttribute"] = keyAttribute;
        }

        using var response = await SubmitAsync(Utf8(OneProfile), definition);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, errorCode);
    }

    [Fact]
    public async Task A_file_over_100_MB_is_400_FILE_TOO_LARGE_and_starts_nothing()
    {
        const long TooLarge = (100L * 1024 * 1024) + 1;
        using var file = new StreamContent(new ZeroStream(TooLarge));

        using var response = await SubmitAsync(file, Definition("customerId,lastName").ToJsonString());

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "FILE_TOO_LARGE");
        Assert.Contains("104857601 bytes", (await ReadJsonAsync(response)).GetProperty("message").GetString());
        Assert.Empty(Admin.GetEtlExecutions());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task A_ZIP_holding_other_than_one_file_is_400_INVALID_ARCHIVE(int files)
    {
        var zip = Zip(Enumerable.Range(1, files).Select(i => ($"part{i}.csv", Utf8(OneProfile))).ToArray());

        using var response = await SubmitAsync(zip, Definition("customerId,lastName"), "profiles.zip");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_ARCHIVE");
        Assert.Contains($"holds {files} files", (await ReadJsonAsync(response)).GetProperty("message").GetString());
        Assert.Empty(Admin.GetEtlExecutions());
    }

    [Fact]
    public async Task A_body_without_the_file_or_without_the_definition_is_400()
    {
        using var noDefinition = await SubmitAsync(new ByteArrayContent(Utf8(OneProfile)), definition: null);
        var onlyDefinition = new MultipartFormDataContent { { new StringContent(Definition("customerId").ToJsonString()), "oneshotEtl" } };
        using var noFile = await Http.PostAsync(Executions, onlyDefinition);

        await AssertErrorAsync(noDefinition, HttpStatusCode.BadRequest, "MISSING_DEFINITION");
        await AssertErrorAsync(noFile, HttpStatusCode.BadRequest, "MISSING_INPUT_FILE");
    }

    [Fact]
    public async Task A_part_given_twice_is_400_DUPLICATE_PART_and_a_body_that_is_not_a_form_400_INVALID_CONTENT_TYPE()
    {
        var twice = new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8(OneProfile)), "inputFile", "a.csv" },
            { new ByteArrayContent(Utf8(OneProfile)), "inputFile", "b.csv" },
            { new StringContent(Definition("customerId,lastName").ToJsonString()), "oneshotEtl" },
        };

        using var duplicate = await Http.PostAsync(Executions, twice);
        using var text = await Http.PostAsync(Executions, new StringContent(OneProfile, Encoding.UTF8, "text/csv"));

        await AssertErrorAsync(duplicate, HttpStatusCode.BadRequest, "DUPLICATE_PART");
        await AssertErrorAsync(text, HttpStatusCode.BadRequest, "INVALID_CONTENT_TYPE");
        Assert.Empty(Admin.GetEtlExecutions());
    }

    [Fact]
    public async Task Part_names_are_case_sensitive()
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8(OneProfile)), "InputFile", "input.csv" },
            { new StringContent(Definition("customerId,lastName").ToJsonString()), "oneshotEtl" },
        };

        using var response = await Http.PostAsync(Executions, form);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "MISSING_INPUT_FILE");
    }

    [Fact]
    public async Task A_custom_tables_keyAttribute_can_only_be_its_business_key()
    {
        var byKey = TicketDefinition(mode: "UPDATE_ONLY");
        byKey["dataLoading"]!["parameters"]!["keyAttribute"] = "REF";
        var byOther = TicketDefinition(mode: "UPDATE_ONLY");
        byOther["dataLoading"]!["parameters"]!["keyAttribute"] = "customerId";

        using var accepted = await SubmitAsync(Utf8("ref,montant\n32,1\n"), byKey);
        using var refused = await SubmitAsync(Utf8("ref,montant\n32,1\n"), byOther);

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        await AssertErrorAsync(refused, HttpStatusCode.BadRequest, "INVALID_MAPPING", "dataLoading.parameters.keyAttribute");
    }

    [Fact]
    public async Task An_unknown_entity_is_404_ENTITY_NOT_FOUND()
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8(OneProfile)), "inputFile", "input.csv" },
            { new StringContent(Definition("customerId,lastName").ToJsonString()), "oneshotEtl" },
        };

        using var response = await Http.PostAsync("mass-imports/v5/entities/NoSuchEntity/etl-executions", form);

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "ENTITY_NOT_FOUND");
    }

    [Fact]
    public async Task Every_ETL_route_needs_a_bearer_token()
    {
        var id = await StartAsync(OneProfile, Definition("customerId,lastName", errorFiles: true));
        await WaitForEndAsync(id);
        using var anonymous = NewClient();

        using var submit = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"), client: anonymous);
        var reads = new List<HttpResponseMessage>();
        foreach (var path in new[] { "", "/integration-results", "/output-files", "/output-files/etl-execution-123456-errors.csv" })
        {
            reads.Add(await anonymous.GetAsync($"{Executions}/{id}{path}"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, submit.StatusCode);
        Assert.All(reads, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Single(Admin.GetEtlExecutions());
        reads.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task An_injected_fault_hits_a_submission_before_anything_starts_and_the_log_records_the_ETL_calls()
    {
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Method = "POST", PathContains = "/etl-executions", Status = 503, RetryAfter = "1" });

        using var faulted = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));
        var id = await StartAsync(OneProfile, Definition("customerId,lastName"));
        await WaitForEndAsync(id);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(id, Assert.Single(Admin.GetEtlExecutions()).Id);
        var log = Admin.GetRequestLog().Where(e => e.Path.Contains("/etl-executions", StringComparison.Ordinal)).ToList();
        Assert.Equal((503, "status 503, Retry-After: 1"), (log[0].Status, log[0].Fault));
        Assert.Equal(("POST", $"/{Executions}", 201, "bearer"), (log[1].Method, log[1].Path, log[1].Status, log[1].Authorization));
        Assert.Contains(log.Skip(2), e => e.Method == "GET" && e.Path == $"/{Executions}/{id}" && e.Status == 200);
    }

    [Fact]
    public async Task A_drop_after_apply_starts_an_execution_the_client_never_heard_of()
    {
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, Method = "POST", PathContains = "/etl-executions", AfterApply = true });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName")));

        var execution = Assert.Single(Admin.GetEtlExecutions());
        AssertCounters(await WaitForEndAsync(execution.Id), read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
    }

    [Fact]
    public async Task The_sample_licence_accepts_12_imports_per_table_a_day_and_the_13th_is_429_DAILY_IMPORT_QUOTA_EXCEEDED()
    {
        Assert.Equal(12, Admin.Licence.Limits.BulkImportsPerTablePerDay);
        for (var i = 0; i < 12; i++)
        {
            using var accepted = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        using var refused = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));
        using var otherTable = await SubmitAsync(Utf8("ref,refMagasin,montant,customerId\n185,2,93,34567\n"), TicketDefinition());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var body = await ReadJsonAsync(refused);
        Assert.Equal("DAILY_IMPORT_QUOTA_EXCEEDED", body.GetProperty("errorCode").GetString());
        Assert.Equal("2024-01-16T00:00:00+00:00", body.GetProperty("resetsAt").GetString());
        Assert.Contains("'MyWebsiteProfiles' has had its 12 bulk imports", body.GetProperty("message").GetString());
        Assert.Equal(TimeSpan.FromHours(15), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, otherTable.StatusCode);
        Assert.Equal(13, Admin.GetEtlExecutions().Count);
    }

    [Fact]
    public async Task The_quota_is_the_licences_and_starts_again_at_the_next_UTC_midnight()
    {
        var licence = TestLicences.Sample();
        licence.Limits.BulkImportsPerTablePerDay = 2;
        Admin.LoadLicence(licence);
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        await AuthenticateAsync();
        for (var i = 0; i < 2; i++)
        {
            using var accepted = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        using var refused = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));
        // The same clock ages tokens: a fresh one after each move.
        Clock.Advance(new TimeSpan(14, 59, 59));
        await AuthenticateAsync();
        using var lastSecond = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await AuthenticateAsync();
        using var nextDay = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));

        await AssertErrorAsync(refused, HttpStatusCode.TooManyRequests, "DAILY_IMPORT_QUOTA_EXCEEDED");
        Assert.Equal(TimeSpan.FromSeconds(54_000), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, lastSecond.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), lastSecond.Headers.RetryAfter?.Delta);
        Assert.Equal("2024-01-16T00:00:00+00:00", (await ReadJsonAsync(lastSecond)).GetProperty("resetsAt").GetString());
        Assert.Equal(HttpStatusCode.Created, nextDay.StatusCode);
        Assert.Equal(3, Admin.GetEtlExecutions().Count);
    }

    [Fact]
    public async Task An_execution_that_fails_still_spent_its_import()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        AssertFailed(await RunAsync(Utf8("customerId,customerId\n1,1\n"), Definition("customerId")), "DUPLICATE_HEADERS");

        using var refused = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));

        await AssertErrorAsync(refused, HttpStatusCode.TooManyRequests, "DAILY_IMPORT_QUOTA_EXCEEDED");
    }

    [Fact]
    public async Task A_table_named_by_its_id_or_by_its_name_counts_against_one_quota()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });

        using var byName = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName", table: "myWEBSITEprofiles"));
        using var byId = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName", table: "1"));

        Assert.Equal(HttpStatusCode.Created, byName.StatusCode);
        await AssertErrorAsync(byId, HttpStatusCode.TooManyRequests, "DAILY_IMPORT_QUOTA_EXCEEDED");
    }

    [Fact]
    public async Task Zero_imports_per_day_means_unlimited_like_the_other_limits()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 0 });

        for (var i = 0; i < 15; i++)
        {
            using var accepted = await SubmitAsync(Utf8(OneProfile), Definition("customerId,lastName"));
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }
    }

    [Fact]
    public async Task Reset_clears_the_executions_and_the_days_imports()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        await WaitForEndAsync(await StartAsync(OneProfile, Definition("customerId,lastName")));

        Admin.Reset();
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1, EtlDurationMs = 0 });
        await AuthenticateAsync();
        using var old = await Http.GetAsync($"{Executions}/123456");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Empty(Admin.GetEtlExecutions());

        Assert.Equal(123456, await StartAsync(OneProfile, Definition("customerId,lastName")));
    }

    [Fact]
    public async Task Settings_carry_the_import_quota_from_the_licence_and_the_ETL_duration_default()
    {
        Admin.Reset();

        using var response = await Http.GetAsync("_emulator/settings");
        using var refused = await Http.PutAsync("_emulator/settings", new StringContent("""{"etlDurationMs":-1}""", Encoding.UTF8, "application/json"));

        var settings = await ReadJsonAsync(response);
        Assert.Equal(12, settings.GetProperty("bulkImportsPerTablePerDay").GetInt32());
        Assert.Equal(200, settings.GetProperty("etlDurationMs").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(200, Admin.Settings.EtlDurationMs);
    }

    [Fact]
    public async Task The_admin_API_lists_the_executions_over_HTTP()
    {
        await WaitForEndAsync(await StartAsync(OneProfile, Definition("customerId,lastName")));

        using var response = await Http.GetAsync("_emulator/etl-executions");

        var execution = Assert.Single((await ReadJsonAsync(response)).EnumerateArray());
        Assert.Equal(123456, execution.GetProperty("id").GetInt64());
        Assert.Equal("FINISHED", execution.GetProperty("status").GetString());
        Assert.Equal("MyWebsiteProfiles", execution.GetProperty("destinationTable").GetString());
        Assert.Equal(1, execution.GetProperty("integrationResults").GetProperty("linesInserted").GetInt32());
    }

    /// <summary>Sets (or, for null, removes) the property at a dotted path of the definition.</summary>
    private static void Edit(JsonObject definition, string path, string? json)
    {
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(definition, (node, name) => node[name]!.AsObject());
        if (json is null)
        {
            parent.Remove(names[^1]);
        }
        else
        {
            parent[names[^1]] = JsonNode.Parse(json);
        }
    }
}
