using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>The types beyond the guide's (Double, Boolean), dates in every accepted form, a String business key, a unique field.</summary>
public sealed class CustomTableValueTests : CustomTableTest
{
    private const string Orders = TestLicences.OrdersTable;

    protected override Licence CreateLicence() => TestLicences.SampleWithOrders();

    /// <summary>Field, the value sent as a JSON literal, the value the record answers as a JSON literal.</summary>
    [Theory]
    [InlineData("amount", "12.5", "12.5")]
    [InlineData("amount", "\"12.5\"", "12.5")]
    [InlineData("amount", "\"-3\"", "-3")]
    [InlineData("amount", "\"1e3\"", "1000")]
    [InlineData("paid", "true", "true")]
    [InlineData("paid", "\"FALSE\"", "false")]
    [InlineData("customerId", "\"-42\"", "-42")]
    [InlineData("orderDate", "\"2019-02-25\"", "\"2019-02-25T00:00:00+00:00\"")]
    [InlineData("orderDate", "\"2019-02-25 17:26:44\"", "\"2019-02-25T17:26:44+00:00\"")]
    [InlineData("orderDate", "\"2019-02-25T17:26:44+01:00\"", "\"2019-02-25T17:26:44+01:00\"")]
    [InlineData("orderDate", "\"2019-02-25T17:26:44.789-05:00\"", "\"2019-02-25T17:26:44-05:00\"")]
    [InlineData("orderDate", "\"2019-02-25T16:26:44Z\"", "\"2019-02-25T16:26:44+00:00\"")]
    [InlineData("note", "42", "\"42\"")]
    [InlineData("note", "true", "\"true\"")]
    public async Task A_value_is_read_culture_invariantly_and_answered_in_its_type(string field, string sent, string answered)
    {
        await AuthenticateAsync();

        using var created = await PostRecordAsync(Order(field, JsonNode.Parse(sent)), table: Orders);
        using var read = await Http.GetAsync(RecordPath("A-1", Orders));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(answered, PropertiesOf(await ReadJsonAsync(read))[field].GetRawText());
    }

    [Theory]
    [InlineData("amount", "\"12,5\"")]
    [InlineData("amount", "\"NaN\"")]
    [InlineData("amount", "true")]
    [InlineData("paid", "\"yes\"")]
    [InlineData("paid", "1")]
    [InlineData("orderDate", "\"25/02/2019\"")]
    [InlineData("orderDate", "\"2019-02-25T17:26:44\"")]
    [InlineData("orderDate", "\"2019-02-30\"")]
    [InlineData("orderDate", "20190225")]
    [InlineData("note", "[\"a\"]")]
    public async Task A_value_unfit_for_its_type_is_400_INVALID_FIELD_VALUE(string field, string sent)
    {
        await AuthenticateAsync();

        using var response = await PostRecordAsync(Order(field, JsonNode.Parse(sent)), table: Orders);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_FIELD_VALUE", field);
        Assert.Empty(Admin.GetRecords(TestLicences.Entity, Orders));
    }

    [Fact]
    public async Task A_String_business_key_is_answered_as_text_and_may_hold_any_character()
    {
        await AuthenticateAsync();
        const string key = "A/1 +x?";

        using var created = await PostRecordAsync(RecordBody(("orderRef", key), ("amount", 1)), table: Orders);
        using var read = await Http.GetAsync(RecordPath(key, Orders));
        using var query = await Http.GetAsync($"{Records(Orders)}?searchField=orderRef&searchValue={Uri.EscapeDataString(key)}");
        using var other = await Http.GetAsync(RecordPath("a/1 +x?", Orders));

        Assert.Equal(key, (await ReadJsonAsync(created)).GetProperty("businessKey").GetString());
        Assert.Equal(key, (await ReadJsonAsync(read)).GetProperty("businessKey").GetString());
        Assert.Equal(key, Assert.Single((await ReadJsonAsync(query)).GetProperty("records").EnumerateArray()).GetProperty("businessKey").GetString());
        await AssertErrorAsync(other, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [Fact]
    public async Task A_value_of_a_unique_field_held_by_another_record_is_409_UNIQUE_KEY_CONFLICT_and_changes_nothing()
    {
        await AuthenticateAsync();
        using (await PostRecordAsync(RecordBody(("orderRef", "A-1"), ("amount", 1), ("voucher", "V1")), table: Orders))
        using (await PostRecordAsync(RecordBody(("orderRef", "A-2"), ("amount", 1)), table: Orders))
        {
        }

        var before = Serialise(Admin.GetState());

        using var create = await PostRecordAsync(RecordBody(("orderRef", "A-3"), ("amount", 1), ("voucher", "V1")), table: Orders);
        using var put = await PutRecordAsync("A-2", RecordBody(("voucher", "V1")), Orders);
        using var self = await PutRecordAsync("A-1", RecordBody(("voucher", "V1"), ("amount", 2)), Orders);

        await AssertErrorAsync(create, HttpStatusCode.Conflict, "UNIQUE_KEY_CONFLICT");
        await AssertErrorAsync(put, HttpStatusCode.Conflict, "UNIQUE_KEY_CONFLICT");
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        var records = Admin.GetRecords(TestLicences.Entity, Orders);
        Assert.Equal(["A-1", "A-2"], records.Select(r => r.BusinessKey));
        Assert.Equal(2.0, records[0].Properties["amount"]);
        Assert.False(records[1].Properties.ContainsKey("voucher"));
    }

    [Fact]
    public async Task A_null_or_empty_value_clears_an_optional_field_and_frees_its_unique_value()
    {
        await AuthenticateAsync();
        using (await PostRecordAsync(RecordBody(("orderRef", "A-1"), ("amount", 1), ("voucher", "V1"), ("note", "hello")), table: Orders))
        {
        }

        using var cleared = await PutRecordAsync("A-1", RecordBody(("voucher", null), ("note", "")), Orders);
        using var reused = await PostRecordAsync(RecordBody(("orderRef", "A-2"), ("amount", 1), ("voucher", "V1")), table: Orders);

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        var first = Admin.GetRecords(TestLicences.Entity, Orders)[0];
        Assert.False(first.Properties.ContainsKey("voucher"));
        Assert.False(first.Properties.ContainsKey("note"));
        Assert.Equal(2, first.WriteCount);
    }

    [Fact]
    public async Task The_first_record_of_an_empty_table_gets_id_1_and_a_String_key_is_answered_as_text_by_POST()
    {
        await AuthenticateAsync();

        using var created = await PostRecordAsync(RecordBody(("orderRef", "A-1"), ("amount", 1)), table: Orders);

        Assert.Equal(JsonValueKind.String, (await ReadJsonAsync(created)).GetProperty("businessKey").ValueKind);
        Assert.Equal(1L, Assert.Single(Admin.GetRecords(TestLicences.Entity, Orders)).Properties["id"]);
    }

    /// <summary>Order A-1 with its required amount, and the field given (which may be the amount itself).</summary>
    private static string Order(string field, JsonNode? value) =>
        field == "amount"
            ? RecordBody(("orderRef", "A-1"), ("amount", value))
            : RecordBody(("orderRef", "A-1"), ("amount", 1), (field, value));
}
