using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>An execution's life (IN_PROGRESS, then FINISHED or FAILED) and what each mode does to the real tables.</summary>
public sealed class EtlExecutionTests : EtlTest
{
    [Fact]
    public async Task An_execution_is_IN_PROGRESS_and_loads_nothing_until_its_duration_has_passed_then_it_is_FINISHED()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 600_000 });
        var id = await StartAsync("customerId,lastName\n1,Smith\n", Definition("customerId,lastName", errorFiles: true));

        var running = await GetExecutionAsync(id);
        var results = await GetAsync($"{Executions}/{id}/integration-results");
        var files = await GetAsync($"{Executions}/{id}/output-files");

        Assert.Equal("IN_PROGRESS", running.GetProperty("status").GetString());
        Assert.False(running.TryGetProperty("endMoment", out _));
        Assert.False(running.TryGetProperty("integrationResults", out _));
        Assert.Equal("""{"executionId":123456,"status":"IN_PROGRESS"}""", results.GetRawText());
        Assert.Equal("""{"executionId":123456,"status":"IN_PROGRESS","outputFiles":[]}""", files.GetRawText());
        Assert.Empty(Profiles());
        Assert.Equal("IN_PROGRESS", Assert.Single(Admin.GetEtlExecutions()).Status);

        // A shorter duration is seen at once by the waiting execution.
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        var finished = await WaitForEndAsync(id);

        AssertCounters(finished, read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
        Assert.Equal("Smith", Profile("customerId", "1").Attributes["lastName"]);
    }

    [Fact]
    public async Task The_execution_answers_its_destination_mode_file_options_moments_and_counters()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 600_000 });
        var definition = Definition("customerId,lastName", "CREATE_UPDATE", table: "1", errorFiles: true);
        var id = await StartAsync(Utf8("customerId,lastName\n1,Smith\n"), definition, "profiles.csv");
        Clock.Advance(TimeSpan.FromSeconds(5));
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });

        var execution = await WaitForEndAsync(id);

        AssertSameJson(
            """
            {"id":123456,"type":"ONESHOT","status":"FINISHED",
             "destination":{"type":"PROFILE_TABLE","id":"1","name":"MyWebsiteProfiles"},
             "mode":"CREATE_OR_UPDATE",
             "inputFile":{"name":"profiles.csv","compression":"NONE","sizeBytes":28},
             "generateErrorFiles":true,"generateResultFiles":false,"reportRecipients":["john.smith@actito.com"],
             "startMoment":"2024-01-15T09:00:00+00:00","endMoment":"2024-01-15T09:00:05+00:00",
             "integrationResults":{"linesRead":1,"linesInError":0,"linesInserted":1,"linesUpdated":0,"linesDeleted":0}}
            """,
            execution.GetRawText());
        Assert.Equal(
            """{"executionId":123456,"status":"FINISHED","integrationResults":{"linesRead":1,"linesInError":0,"linesInserted":1,"linesUpdated":0,"linesDeleted":0}}""",
            (await GetAsync($"{Executions}/{id}/integration-results")).GetRawText());
    }

    [Fact]
    public async Task A_custom_table_destination_is_answered_with_its_id_and_technical_name()
    {
        var definition = Definition("ref,refMagasin,montant,customerId", table: CustomTableId, destinationType: "CUSTOM_TABLE");

        var execution = await RunAsync("ref,refMagasin,montant,customerId\n185,2,93,34567\n", definition);

        Assert.Equal(
            $$"""{"type":"CUSTOM_TABLE","id":"{{CustomTableId}}","name":"DemoDocTickets"}""",
            execution.GetProperty("destination").GetRawText());
    }

    [Fact]
    public async Task Profile_CREATE_OR_UPDATE_creates_new_profiles_and_changes_only_the_mapped_attributes_of_matched_ones()
    {
        var existing = await CreateProfileAsync(("customerId", 1), ("lastName", "Old"), ("firstName", "Keep"));

        var execution = await RunAsync("customerId,lastName\n1,New\n2,Fresh\n", Definition("customerId,lastName"));

        AssertCounters(execution, read: 2, inError: 0, inserted: 1, updated: 1, deleted: 0);
        var updated = Profile("customerId", "1");
        Assert.Equal((existing, "New", "Keep", 2), (updated.ProfileId, updated.Attributes["lastName"], updated.Attributes["firstName"], updated.WriteCount));
        Assert.Equal("Fresh", Profile("customerId", "2").Attributes["lastName"]);
    }

    [Fact]
    public async Task Profile_CREATE_ONLY_refuses_a_line_that_matches_and_creates_the_others_with_their_recency_fields()
    {
        await CreateProfileAsync(("customerId", 1), ("lastName", "Old"));
        const string Csv = "customerId,lastName,opened,device\n1,Changed,2020-01-02 10:00:00,iPhone\n2,New,2020-01-02 10:00:00,iPhone\n";

        var execution = await RunAsync(Csv, Definition("customerId,lastName,opened=lastMailOpeningMoment,device=lastDevice", "CREATE_ONLY"));

        AssertCounters(execution, read: 2, inError: 1, inserted: 1, updated: 0, deleted: 0);
        var old = Profile("customerId", "1");
        Assert.Equal(("Old", 1, null), (old.Attributes["lastName"], old.WriteCount, old.RecencyFields));
        var created = Profile("customerId", "2");
        Assert.Equal("New", created.Attributes["lastName"]);
        Assert.Equal(
            new Dictionary<string, string> { ["lastMailOpeningMoment"] = "2020-01-02 10:00:00", ["lastDevice"] = "iPhone" },
            created.RecencyFields);
        Assert.False(created.Attributes.ContainsKey("lastDevice"));
    }

    [Fact]
    public async Task Profile_UPDATE_ONLY_updates_matched_profiles_and_a_line_matching_none_is_that_lines_error()
    {
        await CreateProfileAsync(("emailAddress", "john@example.com"), ("lastName", "Old"));

        var execution = await RunAsync("email,lastName\nJOHN@example.com,Updated\nnobody@example.com,Ghost\n", Definition("email=emailAddress,lastName", "UPDATE_ONLY"));

        AssertCounters(execution, read: 2, inError: 1, inserted: 0, updated: 1, deleted: 0);
        var profile = Assert.Single(Profiles());
        // Matched without regard to case (as an EMAIL is), then written as the line spells it.
        Assert.Equal(("JOHN@example.com", "Updated"), (profile.Attributes["emailAddress"], profile.Attributes["lastName"]));
    }

    [Fact]
    public async Task Profile_DELETE_removes_the_profile_each_line_names_reading_only_its_keys()
    {
        await CreateProfileAsync(("customerId", 1), ("lastName", "Gone"));
        await CreateProfileAsync(("customerId", 2), ("lastName", "Stays"));

        // The birth dates are not valid, which does not matter: a DELETE line reads only what finds its profile.
        var execution = await RunAsync("customerId,birthDate\n1,not a date\n3,not a date\n", Definition("customerId,birthDate", "DELETE"));

        AssertCounters(execution, read: 2, inError: 1, inserted: 0, updated: 0, deleted: 1);
        Assert.Equal("Stays", Assert.Single(Profiles()).Attributes["lastName"]);
    }

    [Fact]
    public async Task Subscriptions_and_segmentations_load_from_their_columns_and_a_blank_changes_nothing()
    {
        await CreateProfileAsync(("customerId", 2));
        using (var subscribe = await Http.PostAsync($"{ProfilePath}/{Profile("customerId", "2").ProfileId}/subscription/Promotions", null))
        {
            Assert.Equal(HttpStatusCode.OK, subscribe.StatusCode);
        }

        const string Csv = "id,news,promo,type\n1,Y,0,Gold\n2,true,,\n3,maybe,,\n4,,,Platinum\n";
        var definition = Definition("id=customerId,news=subscriptions#Newsletter,promo=subscriptions#Promotions,type=S_ClientType", errorFiles: true);

        var id = await StartAsync(Csv, definition);
        var execution = await WaitForEndAsync(id);

        AssertCounters(execution, read: 4, inError: 2, inserted: 1, updated: 1, deleted: 0);
        var first = Profile("customerId", "1");
        Assert.Equal(new Dictionary<string, bool> { ["Newsletter"] = true, ["Promotions"] = false }, first.Subscriptions);
        Assert.Equal(["Gold"], first.Segmentations["ClientType"]);
        Assert.Equal(new Dictionary<string, bool> { ["Promotions"] = true, ["Newsletter"] = true }, Profile("customerId", "2").Subscriptions);
        var errors = Encoding.UTF8.GetString(await DownloadAsync((await OutputFilesAsync(id))["ERROR"]));
        Assert.Contains("\r\n4,INVALID_SUBSCRIPTION,", errors);
        Assert.Contains("\r\n5,UNKNOWN_SEGMENTATION_CATEGORY,", errors);
    }

    [Fact]
    public async Task A_bad_value_is_that_lines_error_and_the_other_lines_load()
    {
        const string Csv = "customerId,birthDate\n1,1967-05-26\n2,31/02/2019\n3,26/05/1967\n";

        var execution = await RunAsync(Csv, Definition("customerId,birthDate"));

        AssertCounters(execution, read: 3, inError: 1, inserted: 2, updated: 0, deleted: 0);
        Assert.Equal(["1967-05-26", "1967-05-26"], Profiles().Select(p => p.Attributes["birthDate"]));
        Assert.DoesNotContain(Profiles(), p => p.Attributes["customerId"] == "2");
    }

    [Fact]
    public async Task A_line_whose_unique_values_point_at_two_profiles_is_UNIQUE_KEY_CONFLICT_and_changes_neither()
    {
        await CreateProfileAsync(("customerId", 1), ("emailAddress", "a@example.com"));
        await CreateProfileAsync(("customerId", 2), ("emailAddress", "b@example.com"));
        var before = Serialise(Profiles());

        var execution = await RunAsync("customerId,email\n1,b@example.com\n", Definition("customerId,email=emailAddress"));

        AssertCounters(execution, read: 1, inError: 1, inserted: 0, updated: 0, deleted: 0);
        Assert.Equal(before, Serialise(Profiles()));
    }

    [Fact]
    public async Task With_a_keyAttribute_every_line_must_give_it_and_is_matched_by_it_alone()
    {
        await CreateProfileAsync(("customerId", 1), ("emailAddress", "one@example.com"));
        await CreateProfileAsync(("customerId", 2), ("emailAddress", "two@example.com"));
        var definition = Definition("customerId,email=emailAddress,lastName");
        definition["dataLoading"]!["parameters"]!["keyAttribute"] = "customerId";

        // Line 2 updates profile 1; line 3 has no key; line 4 would create a profile holding profile 2's e-mail address.
        const string Csv = "customerId,email,lastName\n1,uno@example.com,One\n,x@example.com,NoKey\n3,two@example.com,Three\n";
        var execution = await RunAsync(Csv, definition);

        AssertCounters(execution, read: 3, inError: 2, inserted: 0, updated: 1, deleted: 0);
        Assert.Equal("uno@example.com", Profile("customerId", "1").Attributes["emailAddress"]);
        Assert.Equal(2, Profiles().Count);
    }

    [Fact]
    public async Task ignoreEmptyValues_keeps_the_stored_value_where_an_empty_value_otherwise_clears_it()
    {
        await CreateProfileAsync(("customerId", 1), ("lastName", "Smith"), ("firstName", "John"));
        var definition = Definition("customerId,lastName,firstName");
        definition["dataLoading"]!["destination"]!["attributesMapping"]![1]!["ignoreEmptyValues"] = true;

        var execution = await RunAsync("customerId,lastName,firstName\n1,,\n", definition);

        AssertCounters(execution, read: 1, inError: 0, inserted: 0, updated: 1, deleted: 0);
        var profile = Profile("customerId", "1");
        Assert.Equal("Smith", profile.Attributes["lastName"]);
        Assert.False(profile.Attributes.ContainsKey("firstName"));
    }

    [Fact]
    public async Task Custom_table_CREATE_OR_UPDATE_creates_new_records_and_updates_existing_ones()
    {
        var execution = await RunAsync("ref,refMagasin,montant,customerId\n185,2,93,34567\n32,7,124,25716\n", TicketDefinition());

        AssertCounters(execution, read: 2, inError: 0, inserted: 1, updated: 1, deleted: 0);
        var created = Assert.Single(Tickets(), t => t.BusinessKey == "185");
        Assert.Equal((93L, "2", 34567L, 1), ((long)created.Properties["montant"], (string)created.Properties["refMagasin"], (long)created.Properties["customerId"], created.WriteCount));
        var updated = Assert.Single(Tickets(), t => t.BusinessKey == "32");
        Assert.Equal((124L, "7", 31L, 1), ((long)updated.Properties["montant"], (string)updated.Properties["refMagasin"], (long)updated.Properties["id"], updated.WriteCount));
    }

    [Fact]
    public async Task Custom_table_CREATE_ONLY_refuses_an_existing_business_key_and_creates_the_others()
    {
        var execution = await RunAsync("ref,refMagasin,montant,customerId\n32,7,999,25716\n186,1,10,1\n", TicketDefinition(mode: "CREATE_ONLY"));

        AssertCounters(execution, read: 2, inError: 1, inserted: 1, updated: 0, deleted: 0);
        Assert.Equal(123L, Assert.Single(Tickets(), t => t.BusinessKey == "32").Properties["montant"]);
        Assert.Contains(Tickets(), t => t.BusinessKey == "186");
    }

    [Fact]
    public async Task Custom_table_UPDATE_ONLY_changes_the_given_fields_and_a_missing_record_is_that_lines_error()
    {
        var execution = await RunAsync("ref,montant\n49,150\n999,1\n", TicketDefinition("ref,montant", "UPDATE_ONLY"));

        AssertCounters(execution, read: 2, inError: 1, inserted: 0, updated: 1, deleted: 0);
        var updated = Assert.Single(Tickets(), t => t.BusinessKey == "49");
        Assert.Equal((150L, "3"), ((long)updated.Properties["montant"], (string)updated.Properties["refMagasin"]));
        Assert.DoesNotContain(Tickets(), t => t.BusinessKey == "999");
    }

    [Fact]
    public async Task Custom_table_DELETE_removes_the_records_named_and_a_missing_one_is_that_lines_error()
    {
        var before = Tickets().Count;

        var execution = await RunAsync("ref\n4\n999\n", TicketDefinition("ref", "DELETE"));

        AssertCounters(execution, read: 2, inError: 1, inserted: 0, updated: 0, deleted: 1);
        Assert.Equal(before - 1, Tickets().Count);
        Assert.DoesNotContain(Tickets(), t => t.BusinessKey == "4");
    }

    [Fact]
    public async Task A_new_record_without_a_required_field_is_that_lines_error_while_an_update_needs_none()
    {
        var execution = await RunAsync("ref,montant\n500,1\n32,77\n", TicketDefinition("ref,montant"));

        AssertCounters(execution, read: 2, inError: 1, inserted: 0, updated: 1, deleted: 0);
        Assert.Equal(77L, Assert.Single(Tickets(), t => t.BusinessKey == "32").Properties["montant"]);
        Assert.DoesNotContain(Tickets(), t => t.BusinessKey == "500");
    }

    [Fact]
    public async Task Values_arrive_exactly_separator_quotes_line_breaks_beyond_the_BMP_empty_and_leading_zeros()
    {
        await CreateProfileAsync(("customerId", 2), ("lastName", "Cleared"), ("firstName", "Kept?"));
        const string Csv =
            "customerId;lastName;firstName;addressLocality\r\n"
            + "1;\"Smith; Jr\";\"Say \"\"hi\"\"\";\"Line1\r\nLine2\nLine3\rEnd\"\r\n"
            + "2;;Zoë 😀 𝄞;007\r\n"
            + "3;\"\";\"\";\"0042\"";

        var execution = await RunAsync(Csv, Definition("customerId,lastName,firstName,addressLocality", separator: ";"));

        AssertCounters(execution, read: 3, inError: 0, inserted: 2, updated: 1, deleted: 0);
        var first = Profile("customerId", "1").Attributes;
        Assert.Equal(("Smith; Jr", "Say \"hi\"", "Line1\r\nLine2\nLine3\rEnd"), (first["lastName"], first["firstName"], first["addressLocality"]));
        var second = Profile("customerId", "2").Attributes;
        Assert.False(second.ContainsKey("lastName"));
        Assert.Equal(("Zoë 😀 𝄞", "007"), (second["firstName"], second["addressLocality"]));
        var third = Profile("customerId", "3").Attributes;
        Assert.Equal(["addressLocality", "customerId"], third.Keys);
        Assert.Equal("0042", third["addressLocality"]);
    }

    [Fact]
    public async Task A_custom_table_keeps_leading_zeros_and_text_as_given()
    {
        var execution = await RunAsync("ref|refMagasin|montant|customerId\n700|\"00|42 😀\"|5|0034567\n", Definition(
            "ref,refMagasin,montant,customerId", table: TestLicences.CustomTable, destinationType: "CUSTOM_TABLE", separator: "|"));

        AssertCounters(execution, read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
        var ticket = Assert.Single(Tickets(), t => t.BusinessKey == "700");
        Assert.Equal(("00|42 😀", 34567L), ((string)ticket.Properties["refMagasin"], (long)ticket.Properties["customerId"]));
    }

    [Fact]
    public async Task An_ISO_8859_1_file_is_decoded_as_its_definition_declares()
    {
        var definition = Definition("customerId,lastName");
        definition["inputFileProperties"]!["csvFormat"]!["encoding"] = "ISO-8859-1";

        var execution = await RunAsync(Encoding.Latin1.GetBytes("customerId,lastName\n1,Zoë Ørsted\n"), definition);

        AssertCounters(execution, read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
        Assert.Equal("Zoë Ørsted", Profile("customerId", "1").Attributes["lastName"]);
    }

    [Fact]
    public async Task A_GZIP_of_the_CSV_loads_like_the_CSV_whatever_its_name()
    {
        var execution = await RunAsync(Gzip(Utf8("customerId,lastName\n1,Zipped 😀\n")), Definition("customerId,lastName"), "profiles.txt");

        AssertCounters(execution, read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
        Assert.Equal("GZIP", execution.GetProperty("inputFile").GetProperty("compression").GetString());
        Assert.Equal("Zipped 😀", Profile("customerId", "1").Attributes["lastName"]);
    }

    [Fact]
    public async Task A_ZIP_of_one_CSV_loads_like_the_CSV()
    {
        var zip = Zip(("tickets/today.csv", Utf8("ref,refMagasin,montant,customerId\n185,2,93,34567\n")));

        var execution = await RunAsync(zip, TicketDefinition(), "tickets.zip");

        AssertCounters(execution, read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
        Assert.Equal("ZIP", execution.GetProperty("inputFile").GetProperty("compression").GetString());
        Assert.Contains(Tickets(), t => t.BusinessKey == "185");
    }

    [Fact]
    public async Task The_mapping_may_name_headers_the_file_does_not_have()
    {
        var execution = await RunAsync("customerId\n1\n", Definition("customerId,lastName,email=emailAddress"));

        AssertCounters(execution, read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
    }

    [Fact]
    public async Task A_mandatory_attribute_is_needed_to_create_a_profile_but_not_to_update_one()
    {
        var licence = TestLicences.Sample();
        licence.Entities[0].ProfileTables[0].Attributes.Single(a => a.Name == "lastName").Mandatory = true;
        Admin.LoadLicence(licence);
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        await AuthenticateAsync();
        await CreateProfileAsync(("customerId", 1), ("lastName", "Smith"));

        var execution = await RunAsync("customerId,firstName\n1,John\n2,Jane\n", Definition("customerId,firstName"));
        var clearing = await RunAsync("customerId,lastName\n1,\n", Definition("customerId,lastName"));

        AssertCounters(execution, read: 2, inError: 1, inserted: 0, updated: 1, deleted: 0);
        AssertCounters(clearing, read: 1, inError: 1, inserted: 0, updated: 0, deleted: 0);
        Assert.Equal(("Smith", "John"), (Profile("customerId", "1").Attributes["lastName"], Profile("customerId", "1").Attributes["firstName"]));
        Assert.Single(Profiles());
    }

    [Fact]
    public async Task A_file_of_headers_only_is_FINISHED_with_nothing_read()
    {
        var execution = await RunAsync("customerId,lastName\r\n", Definition("customerId,lastName"));

        AssertCounters(execution, read: 0, inError: 0, inserted: 0, updated: 0, deleted: 0);
    }

    public static TheoryData<string, byte[], string> GlobalFailures => new()
    {
        { "binary", [0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x20, 0x20], "INVALID_FILE" },
        { "a PNG, not UTF-8 to begin with", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], "INVALID_ENCODING" },
        { "NUL in a value", Encoding.UTF8.GetBytes("customerId,lastName\n1,Smi\0th\n"), "INVALID_FILE" },
        { "not UTF-8", [.. Encoding.UTF8.GetBytes("customerId,lastName\n1,Caf"), 0xE9, (byte)'\n'], "INVALID_ENCODING" },
        { "byte order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("customerId,lastName\n1,Smith\n")], "BYTE_ORDER_MARK" },
        { "a row too long", Encoding.UTF8.GetBytes("customerId,lastName\n1,Smith\n2,Jones,extra\n"), "WRONG_COLUMN_COUNT" },
        { "a row too short", Encoding.UTF8.GetBytes("customerId,lastName\n1,Smith\n2\n"), "WRONG_COLUMN_COUNT" },
        { "an unenclosed line break", Encoding.UTF8.GetBytes("customerId,lastName\n1,Smi\nth\n"), "WRONG_COLUMN_COUNT" },
        { "duplicate headers", Encoding.UTF8.GetBytes("customerId,lastName,lastName\n1,Smith,Jones\n"), "DUPLICATE_HEADERS" },
        { "an unmapped header", Encoding.UTF8.GetBytes("customerId,lastName,shoeSize\n1,Smith,44\n"), "UNMAPPED_HEADER" },
        { "a header in another case", Encoding.UTF8.GetBytes("customerId,LastName\n1,Smith\n"), "UNMAPPED_HEADER" },
        { "an enclosed value never closed", Encoding.UTF8.GetBytes("customerId,lastName\n1,Smith\n2,\"Jones\n"), "INVALID_FILE" },
        { "a quote inside a plain value", Encoding.UTF8.GetBytes("customerId,lastName\n1,Smith\n2,Jo\"nes\n"), "INVALID_FILE" },
        { "text after a closing quote", Encoding.UTF8.GetBytes("customerId,lastName\n1,\"Smith\"son\n"), "INVALID_FILE" },
        { "an empty file", [], "INVALID_FILE" },
        { "a broken GZIP", [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03], "INVALID_FILE" },
    };

    [Theory]
    [MemberData(nameof(GlobalFailures))]
    public async Task A_file_that_is_not_a_valid_CSV_fails_the_whole_execution_and_loads_nothing(string what, byte[] file, string code)
    {
        var id = await StartAsync(file, Definition("customerId,lastName", errorFiles: true, resultFiles: true));
        var execution = await WaitForEndAsync(id);

        AssertFailed(execution, code);
        Assert.False(string.IsNullOrWhiteSpace(execution.GetProperty("error").GetProperty("message").GetString()), what);
        Assert.True(execution.TryGetProperty("endMoment", out _));
        Assert.Empty(Profiles());
        var results = await GetAsync($"{Executions}/{id}/integration-results");
        Assert.Equal(execution.GetProperty("error").GetRawText(), results.GetProperty("error").GetRawText());
        Assert.Empty(await OutputFilesAsync(id));
    }

    [Fact]
    public async Task A_UTF8_byte_order_mark_is_refused_inside_a_GZIP_too_and_the_message_says_why()
    {
        var file = Gzip([0xEF, 0xBB, 0xBF, .. Utf8("customerId,lastName\n1,Smith\n")]);

        var execution = await RunAsync(file, Definition("customerId,lastName"));

        AssertFailed(execution, "BYTE_ORDER_MARK");
        Assert.Contains("byte order mark", execution.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(Profiles());
    }

    [Fact]
    public async Task The_wrong_column_count_names_the_line_counting_records_not_physical_lines()
    {
        const string Csv = "customerId,lastName\n1,\"two\nlines\"\n2,Jones,extra\n";

        var execution = await RunAsync(Csv, Definition("customerId,lastName"));

        AssertFailed(execution, "WRONG_COLUMN_COUNT");
        Assert.StartsWith("Line 3 has 3 values where the header line has 2", execution.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("UPDATE_ONLY", "customerId,email=emailAddress,lastName", "lastName\nSmith\n")]
    [InlineData("CREATE_OR_UPDATE", "ref,refMagasin,montant,customerId", "montant,customerId\n1,2\n")]
    public async Task A_file_without_the_column_lines_are_found_by_fails_MISSING_KEY_COLUMN(string mode, string mapping, string csv)
    {
        var definition = mapping.StartsWith("ref", StringComparison.Ordinal) ? TicketDefinition(mapping, mode) : Definition(mapping, mode);

        var execution = await RunAsync(csv, definition);

        AssertFailed(execution, "MISSING_KEY_COLUMN");
    }

    [Fact]
    public async Task An_unknown_execution_is_404_and_a_malformed_id_400()
    {
        var id = await StartAsync("customerId\n1\n", Definition("customerId"));
        await WaitForEndAsync(id);

        using var unknown = await Http.GetAsync($"{Executions}/999999");
        using var otherEntity = await Http.GetAsync($"mass-imports/v5/entities/NoSuchEntity/etl-executions/{id}");
        using var malformed = await Http.GetAsync($"{Executions}/abc/integration-results");

        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "ETL_EXECUTION_NOT_FOUND");
        await AssertErrorAsync(otherEntity, HttpStatusCode.NotFound, "ENTITY_NOT_FOUND");
        await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "INVALID_EXECUTION_ID");
    }

    [Fact]
    public async Task An_execution_belongs_to_its_entity()
    {
        var licence = TestLicences.Sample();
        licence.Entities.Add(new LicenceEntity { Name = "OtherEntity", ProfileTables = [licence.Entities[0].ProfileTables[0]] });
        Admin.LoadLicence(licence);
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        await AuthenticateAsync();
        var id = await StartAsync("customerId\n1\n", Definition("customerId"));

        using var elsewhere = await Http.GetAsync($"mass-imports/v5/entities/OtherEntity/etl-executions/{id}");
        using var anyCase = await Http.GetAsync($"mass-imports/v5/entities/myentity/etl-executions/{id}");

        await AssertErrorAsync(elsewhere, HttpStatusCode.NotFound, "ETL_EXECUTION_NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, anyCase.StatusCode);
    }

    [Fact]
    public async Task A_reset_drops_an_execution_still_IN_PROGRESS_before_it_loads_anything()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 600_000 });
        await StartAsync("customerId\n1\n", Definition("customerId"));

        Admin.Reset();
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        await AuthenticateAsync();
        var marker = await RunAsync("customerId\n2\n", Definition("customerId"));

        AssertCounters(marker, read: 1, inError: 0, inserted: 1, updated: 0, deleted: 0);
        Assert.Equal(["2"], Profiles().Select(p => p.Attributes["customerId"]));
        Assert.Single(Admin.GetEtlExecutions());
    }

    [Fact]
    public async Task The_admin_snapshot_shows_a_finished_executions_counters_and_files()
    {
        await RunAsync(Gzip(Utf8("customerId,birthDate\n1,bad\n")), Definition("customerId,birthDate", errorFiles: true));

        var snapshot = Assert.Single(Admin.GetEtlExecutions());

        Assert.Equal(("PROFILE_TABLE", "MyWebsiteProfiles", "CREATE_OR_UPDATE", "FINISHED", "GZIP"),
            (snapshot.DestinationType, snapshot.DestinationTable, snapshot.Mode, snapshot.Status, snapshot.Compression));
        Assert.Equal(new EtlIntegrationResults(1, 1, 0, 0, 0), snapshot.IntegrationResults);
        Assert.Equal(["etl-execution-123456-errors.csv"], snapshot.OutputFiles);
        Assert.Equal(Clock.GetUtcNow(), snapshot.EndMoment);
    }

    /// <summary>Equal as JSON, property order included, whatever the whitespace.</summary>
    private static void AssertSameJson(string expected, string actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), JsonNode.Parse(actual)!.ToJsonString());
}
