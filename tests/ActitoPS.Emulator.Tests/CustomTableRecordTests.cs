using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>One record: GET, POST (create or update), PUT (partial), DELETE, as the guide shows them.</summary>
public sealed class CustomTableRecordTests : CustomTableTest
{
    /// <summary>The guide's record 32 lists its properties in this order (see JavaHashMapOrder).</summary>
    private static readonly string[] GuidePropertyOrder = ["ref", "updateMoment", "creationMoment", "customerId", "montant", "id", "refMagasin"];

    private static readonly DateTimeOffset SeedMoment = DateTimeOffset.Parse("2019-02-25T17:26:44+01:00");

    // ---- GET one record -------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task Record_32_answers_the_guide_JSON_exactly(string basePath)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync($"{basePath}/demodoctickets/record/32");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSameJson(Fixtures.Read(Fixtures.CustomTableRecord32), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_business_key_is_404_RECORD_NOT_FOUND()
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(RecordPath("33"));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [Fact]
    public async Task A_key_that_cannot_be_a_Long_business_key_is_400_INVALID_FIELD_VALUE()
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(RecordPath("abc"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_FIELD_VALUE", "ref");
    }

    // ---- POST ------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task The_guide_POST_example_answers_the_guide_answer_and_stores_typed_values(string basePath)
    {
        await AuthenticateAsync();

        using var response = await Http.PostAsync($"{basePath}/demodoctickets/record?allowUpdate=true", Json(Fixtures.Read(Fixtures.CustomTableCreateRecord)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSameJson(Fixtures.Read(Fixtures.CustomTableCreateRecordAnswer), await response.Content.ReadAsStringAsync());
        var stored = Ticket("185");
        Assert.Equal(185L, stored.Properties["ref"]);
        Assert.Equal("2", stored.Properties["refMagasin"]);
        Assert.Equal(93L, stored.Properties["montant"]);
        Assert.Equal(34567L, stored.Properties["customerId"]);
        Assert.Equal(1, stored.WriteCount);
    }

    [Fact]
    public async Task The_server_sets_the_next_id_and_both_moments_from_its_clock()
    {
        await AuthenticateAsync();
        var now = Clock.GetUtcNow();

        using var created = await PostRecordAsync(Ticket(185));
        using var response = await Http.GetAsync(RecordPath("185"));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var record = await ReadJsonAsync(response);
        Assert.Equal("185", record.GetProperty("businessKey").GetString());
        var properties = PropertiesOf(record);
        Assert.Equal(GuidePropertyOrder, properties.Keys);
        Assert.Equal(44, properties["id"].GetInt64()); // the seeds' highest id is 43
        Assert.Equal("2024-01-15T09:00:00+00:00", properties["creationMoment"].GetString());
        Assert.Equal(properties["creationMoment"].GetString(), properties["updateMoment"].GetString());
        Assert.Equal(now, Ticket("185").Properties["creationMoment"]);
        Assert.Equal(JsonValueKind.Number, properties["customerId"].ValueKind);
        Assert.Equal(JsonValueKind.String, properties["refMagasin"].ValueKind);
    }

    [Fact]
    public async Task Ids_are_never_reused_after_a_delete()
    {
        await AuthenticateAsync();
        using (await PostRecordAsync(Ticket(185)))
        using (await Http.DeleteAsync(RecordPath("185")))
        using (var second = await PostRecordAsync(Ticket(186)))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        Assert.Equal(45L, Ticket("186").Properties["id"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task An_existing_key_without_allowUpdate_true_is_409_RECORD_ALREADY_EXISTS_and_changes_nothing(bool? allowUpdate)
    {
        await AuthenticateAsync();
        var before = Serialise(Admin.GetState());

        using var response = await PostRecordAsync(Ticket(32, montant: 1), allowUpdate);

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "RECORD_ALREADY_EXISTS");
        Assert.Equal(before, Serialise(Admin.GetState()));
        Assert.Equal(123L, Ticket("32").Properties["montant"]);
    }

    [Fact]
    public async Task An_existing_key_with_allowUpdate_true_replaces_the_given_fields_keeps_id_and_creationMoment_and_moves_updateMoment()
    {
        await AuthenticateAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await PostRecordAsync(RecordBody(("REF", 32), ("montant", "500")), allowUpdate: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(32, (await ReadJsonAsync(response)).GetProperty("businessKey").GetInt64());
        var after = Ticket("32");
        Assert.Equal(500L, after.Properties["montant"]);
        Assert.Equal("5", after.Properties["refMagasin"]);
        Assert.Equal(25716L, after.Properties["customerId"]);
        Assert.Equal(31L, after.Properties["id"]);
        Assert.Equal(SeedMoment, after.Properties["creationMoment"]);
        Assert.Equal(Clock.GetUtcNow(), after.Properties["updateMoment"]);
        Assert.Equal(1, after.WriteCount);
        Assert.Equal(6, Tickets().Count);
    }

    [Fact]
    public async Task A_create_needs_every_required_field_400_MISSING_REQUIRED_FIELD()
    {
        await AuthenticateAsync();

        using var response = await PostRecordAsync(RecordBody(("ref", 185), ("refMagasin", "2"), ("customerId", 1)));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "MISSING_REQUIRED_FIELD", "montant");
        Assert.Equal(6, Tickets().Count);
    }

    [Theory]
    [InlineData("""{"properties":[{"name":"refMagasin","value":"2"},{"name":"montant","value":1},{"name":"customerId","value":1}]}""")]
    [InlineData("""{"properties":[{"name":"ref","value":null},{"name":"refMagasin","value":"2"},{"name":"montant","value":1},{"name":"customerId","value":1}]}""")]
    [InlineData("""{"properties":[{"name":"ref","value":""},{"name":"refMagasin","value":"2"},{"name":"montant","value":1},{"name":"customerId","value":1}]}""")]
    [InlineData("""{}""")]
    public async Task A_record_without_its_business_key_is_400_MISSING_BUSINESS_KEY(string body)
    {
        await AuthenticateAsync();
        var before = Serialise(Admin.GetState());

        using var response = await PostRecordAsync(body, allowUpdate: true);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "MISSING_BUSINESS_KEY", "ref");
        Assert.Equal(before, Serialise(Admin.GetState()));
    }

    [Fact]
    public async Task An_unknown_field_is_400_UNKNOWN_FIELD()
    {
        await AuthenticateAsync();

        using var response = await PostRecordAsync(RecordBody(("ref", 185), ("refMagasin", "2"), ("montant", 1), ("customerId", 1), ("colour", "red")));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "UNKNOWN_FIELD", "colour");
        Assert.DoesNotContain(Tickets(), r => r.BusinessKey == "185");
    }

    [Theory]
    [InlineData("customerId", "\"abc\"", "abc")]
    [InlineData("customerId", "1.5", "1.5")]
    [InlineData("montant", "true", "true")]
    [InlineData("montant", "\"12 000\"", "12 000")]
    [InlineData("refMagasin", "{\"x\":1}", "{\"x\":1}")]
    [InlineData("ref", "\"18a\"", "18a")]
    public async Task A_value_that_cannot_be_the_field_type_is_400_INVALID_FIELD_VALUE_naming_field_and_value(string field, string json, string quoted)
    {
        await AuthenticateAsync();
        var before = Serialise(Admin.GetState());
        var properties = new List<(string, JsonNode?)> { ("ref", 32), ("refMagasin", "2"), ("montant", 1), ("customerId", 1) };
        properties.RemoveAll(p => p.Item1 == field);
        properties.Add((field, JsonNode.Parse(json)));

        using var response = await PostRecordAsync(RecordBody([.. properties]), allowUpdate: true);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_FIELD_VALUE", field);
        var message = (await ReadJsonAsync(response)).GetProperty("message").GetString()!;
        Assert.Contains($"'{field}'", message);
        Assert.Contains(quoted, message);
        Assert.Equal(before, Serialise(Admin.GetState()));
    }

    [Theory]
    [InlineData("id", "99")]
    [InlineData("creationMoment", "2019-02-25T17:26:44+01:00")]
    [InlineData("updateMoment", "2019-02-25T17:26:44+01:00")]
    [InlineData("ID", "99")]
    public async Task A_technical_field_cannot_be_given_400_TECHNICAL_FIELD(string field, string value)
    {
        await AuthenticateAsync();
        var before = Serialise(Admin.GetState());

        using var post = await PostRecordAsync(RecordBody(("ref", 32), (field, value)), allowUpdate: true);
        using var put = await PutRecordAsync("32", RecordBody((field, value)));

        await AssertErrorAsync(post, HttpStatusCode.BadRequest, "TECHNICAL_FIELD", field.ToLowerInvariant() == "id" ? "id" : field);
        await AssertErrorAsync(put, HttpStatusCode.BadRequest, "TECHNICAL_FIELD");
        Assert.Equal(before, Serialise(Admin.GetState()));
    }

    [Theory]
    [InlineData("{not json", "INVALID_JSON")]
    [InlineData("", "INVALID_JSON")]
    [InlineData("[]", "INVALID_BODY")]
    [InlineData("""{"properties":{"name":"ref","value":1}}""", "INVALID_BODY")]
    [InlineData("""{"properties":["ref"]}""", "INVALID_BODY")]
    [InlineData("""{"properties":[{"value":1}]}""", "INVALID_BODY")]
    [InlineData("""{"properties":[{"name":"ref","value":32},{"name":"Ref","value":32}]}""", "DUPLICATE_FIELD")]
    public async Task A_body_that_is_not_a_record_is_400(string body, string errorCode)
    {
        await AuthenticateAsync();
        var before = Serialise(Admin.GetState());

        using var response = await PostRecordAsync(body, allowUpdate: true);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, errorCode);
        Assert.Equal(before, Serialise(Admin.GetState()));
    }

    [Fact]
    public async Task allowUpdate_other_than_true_or_false_is_400_INVALID_PARAMETER()
    {
        await AuthenticateAsync();

        using var response = await Http.PostAsync(Records() + "?allowUpdate=yes", Json(Ticket(185)));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_PARAMETER", "allowUpdate");
        Assert.Equal(6, Tickets().Count);
    }

    [Fact]
    public async Task Field_and_envelope_names_match_in_any_case_and_are_stored_with_the_structure_spelling()
    {
        await AuthenticateAsync();

        using var response = await Http.PostAsync($"custom-data/v4/entity/MYENTITY/customTable/DEMODOCTICKETS/record",
            Json("""{"PROPERTIES":[{"Name":"REF","Value":"185"},{"NAME":"refmagasin","VALUE":"7"},{"name":"MONTANT","value":93},{"name":"CustomerID","value":1}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["ref", "refMagasin", "montant", "customerId", "updateMoment", "creationMoment", "id"],
            Ticket("185").Properties.Keys);
        Assert.Equal("7", Ticket("185").Properties["refMagasin"]);
    }

    // ---- PUT -------------------------------------------------------------------------------------------

    [Fact]
    public async Task PUT_changes_only_the_given_fields()
    {
        await AuthenticateAsync();
        Clock.Advance(TimeSpan.FromMinutes(10));

        using var response = await PutRecordAsync("32", RecordBody(("montant", "124")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(32, (await ReadJsonAsync(response)).GetProperty("businessKey").GetInt64());
        var after = Ticket("32");
        Assert.Equal(124L, after.Properties["montant"]);
        Assert.Equal("5", after.Properties["refMagasin"]);
        Assert.Equal(25716L, after.Properties["customerId"]);
        Assert.Equal(31L, after.Properties["id"]);
        Assert.Equal(SeedMoment, after.Properties["creationMoment"]);
        Assert.Equal(Clock.GetUtcNow(), after.Properties["updateMoment"]);
        Assert.Equal(1, after.WriteCount);
    }

    [Fact]
    public async Task PUT_of_an_unknown_key_is_404_RECORD_NOT_FOUND_and_creates_nothing()
    {
        await AuthenticateAsync();

        using var response = await PutRecordAsync("185", RecordBody(("montant", 1)));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        Assert.Equal(6, Tickets().Count);
    }

    [Fact]
    public async Task PUT_validates_like_POST_and_a_failed_PUT_changes_nothing()
    {
        await AuthenticateAsync();
        var before = Serialise(Admin.GetState());

        using var cleared = await PutRecordAsync("32", RecordBody(("montant", 1), ("refMagasin", null)));
        using var invalid = await PutRecordAsync("32", RecordBody(("montant", 1), ("customerId", "x")));
        using var unknown = await PutRecordAsync("32", RecordBody(("montant", 1), ("colour", "red")));
        using var otherKey = await PutRecordAsync("32", RecordBody(("montant", 1), ("ref", 33)));

        await AssertErrorAsync(cleared, HttpStatusCode.BadRequest, "MISSING_REQUIRED_FIELD", "refMagasin");
        await AssertErrorAsync(invalid, HttpStatusCode.BadRequest, "INVALID_FIELD_VALUE", "customerId");
        await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "UNKNOWN_FIELD", "colour");
        await AssertErrorAsync(otherKey, HttpStatusCode.BadRequest, "BUSINESS_KEY_MISMATCH", "ref");
        Assert.Equal(before, Serialise(Admin.GetState()));
    }

    // ---- DELETE ----------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task DELETE_removes_the_record_and_a_second_DELETE_is_404(string basePath)
    {
        await AuthenticateAsync();

        using var deleted = await Http.DeleteAsync(RecordPath("32", basePath: basePath));
        using var read = await Http.GetAsync(RecordPath("32", basePath: basePath));
        using var again = await Http.DeleteAsync(RecordPath("32", basePath: basePath));

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsStringAsync());
        await AssertErrorAsync(read, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        await AssertErrorAsync(again, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        Assert.DoesNotContain(Tickets(), r => r.BusinessKey == "32");
        Assert.Equal(5, Tickets().Count);
    }

    // ---- State -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Reset_restores_the_licence_seed_records()
    {
        await AuthenticateAsync();
        var seeds = Serialise(Tickets());
        using (await PostRecordAsync(Ticket(185)))
        using (await PutRecordAsync("49", RecordBody(("montant", 1))))
        using (await Http.DeleteAsync(RecordPath("32")))
        {
        }

        Assert.NotEqual(seeds, Serialise(Tickets()));

        Admin.Reset();

        Assert.Equal(seeds, Serialise(Tickets()));
        Assert.All(Tickets(), r => Assert.Equal(0, r.WriteCount));
    }

    [Fact]
    public async Task The_HTTP_state_lists_custom_tables_with_their_records()
    {
        await AuthenticateAsync();
        using (await PostRecordAsync(Ticket(185)))
        {
        }

        using var response = await Http.GetAsync("_emulator/state");

        var table = Assert.Single((await ReadJsonAsync(response)).GetProperty("entities")[0].GetProperty("customTables").EnumerateArray());
        Assert.Equal("DemoDocTickets", table.GetProperty("technicalName").GetString());
        var records = table.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["32", "49", "4", "6", "7", "19", "185"], records.Select(r => r.GetProperty("businessKey").GetString()));
        var created = records[^1];
        Assert.Equal(1, created.GetProperty("writeCount").GetInt32());
        Assert.Equal(34567, created.GetProperty("properties").GetProperty("customerId").GetInt64());
        Assert.Equal("2024-01-15T09:00:00+00:00", created.GetProperty("properties").GetProperty("creationMoment").GetString());
    }

    // ---- Pipeline --------------------------------------------------------------------------------------

    [Fact]
    public async Task Custom_table_calls_are_in_the_request_log()
    {
        await AuthenticateAsync();
        Admin.ClearRequestLog();

        using (await Http.GetAsync(RecordPath("32", basePath: WebServicesBase)))
        using (await PostRecordAsync(Ticket(32), allowUpdate: false))
        {
        }

        var log = Admin.GetRequestLog();
        Assert.Equal(["GET", "POST"], log.Select(e => e.Method));
        Assert.Equal([200, 409], log.Select(e => e.Status));
        Assert.Equal($"/{WebServicesBase}/DemoDocTickets/record/32", log[0].Path);
        Assert.Equal("allowUpdate=false", log[1].Query);
        Assert.All(log, e => Assert.Equal("bearer", e.Authorization));
    }

    [Fact]
    public async Task A_drop_after_apply_fault_applies_the_record_write_once()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, Method = "POST", PathContains = "/customTable/", AfterApply = true });

        await Assert.ThrowsAsync<HttpRequestException>(() => PostRecordAsync(Ticket(185), allowUpdate: true));

        Assert.Equal(1, Ticket("185").WriteCount);
        Assert.Equal(200, Assert.Single(Admin.GetRequestLog(), e => e.Method == "POST").Status);
    }

    [Fact]
    public async Task A_status_fault_hits_a_custom_table_call_before_it_changes_anything()
    {
        await AuthenticateAsync();
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 503, RetryAfter = "1", PathContains = "/customTable/" });

        using var response = await Http.DeleteAsync(RecordPath("32"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter!.ToString());
        Assert.Equal(6, Tickets().Count);
    }
}
