using System.Net;
using System.Text.Json;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>GET …/record?searchField=&amp;searchValue=&amp;sortedField=&amp;ascending=&amp;number=</summary>
public sealed class CustomTableQueryTests : CustomTableTest
{
    private const string GuideQuery = "searchField=customerId&searchValue=50662&sortedField=creationMoment&ascending=true&number=200";

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task The_guide_query_answers_the_guide_five_records_exactly(string basePath)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync($"{basePath}/demodoctickets/record?{GuideQuery}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSameJson(Fixtures.Read(Fixtures.CustomTableQueryCustomer50662), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_search_is_strict_equality_typed_by_the_field()
    {
        await AuthenticateAsync();

        Assert.Equal([32], await KeysAsync("searchField=customerId&searchValue=25716"));
        Assert.Equal([32], await KeysAsync("searchField=customerId&searchValue=025716"));
        Assert.Empty(await KeysAsync("searchField=customerId&searchValue=2571"));
        Assert.Equal([7], await KeysAsync("searchField=ref&searchValue=7"));
    }

    [Fact]
    public async Task A_date_search_matches_the_same_instant_whatever_its_offset()
    {
        await AuthenticateAsync();

        var local = await KeysAsync("searchField=creationMoment&searchValue=" + Uri.EscapeDataString("2019-02-25T17:26:44+01:00"));
        var utc = await KeysAsync("searchField=creationMoment&searchValue=" + Uri.EscapeDataString("2019-02-25 16:26:44"));
        var otherSecond = await KeysAsync("searchField=creationMoment&searchValue=" + Uri.EscapeDataString("2019-02-25T17:26:45+01:00"));

        Assert.Equal(6, local.Count);
        Assert.Equal(local, utc);
        Assert.Empty(otherSecond);
    }

    [Fact]
    public async Task Field_names_in_the_query_match_in_any_case()
    {
        await AuthenticateAsync();

        var keys = await KeysAsync("searchField=CUSTOMERID&searchValue=50662&sortedField=REF&ascending=FALSE");

        Assert.Equal([49, 19, 7, 6, 4], keys);
    }

    [Theory]
    [InlineData("sortedField=ref&ascending=true", new long[] { 4, 6, 7, 19, 32, 49 })]
    [InlineData("sortedField=ref&ascending=false", new long[] { 49, 32, 19, 7, 6, 4 })]
    [InlineData("sortedField=customerId&ascending=true", new long[] { 32, 49, 4, 6, 7, 19 })]
    [InlineData("sortedField=customerId&ascending=false", new long[] { 19, 7, 6, 4, 49, 32 })]
    [InlineData("sortedField=id", new long[] { 32, 49, 4, 6, 7, 19 })]
    [InlineData("sortedField=id&ascending=false&number=2", new long[] { 19, 7 })]
    public async Task Records_sort_on_the_sorted_field_both_ways_ties_by_id(string query, long[] expected)
    {
        await AuthenticateAsync();

        Assert.Equal(expected, await KeysAsync(query));
    }

    [Fact]
    public async Task The_default_sort_is_creationMoment_ascending()
    {
        Clock.Advance(TimeSpan.FromDays(1));
        await AuthenticateAsync();
        using (await PostRecordAsync(Ticket(500, customerId: 50662)))
        {
        }

        Clock.Advance(TimeSpan.FromDays(1));
        await AuthenticateAsync();
        using (await PostRecordAsync(Ticket(3, customerId: 50662)))
        {
        }

        Assert.Equal([49, 4, 6, 7, 19, 500, 3], await KeysAsync("searchField=customerId&searchValue=50662"));
        Assert.Equal([3, 500, 19, 7, 6, 4, 49], await KeysAsync("searchField=customerId&searchValue=50662&ascending=false"));
    }

    [Fact]
    public async Task Without_a_search_every_record_is_answered()
    {
        await AuthenticateAsync();

        Assert.Equal([32, 49, 4, 6, 7, 19], await KeysAsync(""));
    }

    [Fact]
    public async Task The_query_answer_gives_the_business_key_as_a_number()
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(Records() + "?searchField=ref&searchValue=32");

        var record = Assert.Single((await ReadJsonAsync(response)).GetProperty("records").EnumerateArray());
        Assert.Equal(JsonValueKind.Number, record.GetProperty("businessKey").ValueKind);
        Assert.Equal(31, PropertiesOf(record)["id"].GetInt64());
    }

    [Theory]
    [InlineData("number=-1")]
    [InlineData("number=0")]
    [InlineData("number=abc")]
    [InlineData("number=1.5")]
    [InlineData("ascending=yes")]
    [InlineData("ascending=1")]
    [InlineData("searchField=customerId")]
    [InlineData("searchField=customerId&searchValue=")]
    [InlineData("searchValue=50662")]
    public async Task A_bad_parameter_is_400_INVALID_PARAMETER(string query)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(Records() + "?" + query);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_PARAMETER");
    }

    [Theory]
    [InlineData("searchField=montant&searchValue=123", "montant")]
    [InlineData("searchField=refMagasin&searchValue=5", "refMagasin")]
    [InlineData("sortedField=montant", "montant")]
    [InlineData("searchField=customerId&searchValue=50662&sortedField=refmagasin", "refMagasin")]
    public async Task Searching_or_sorting_on_a_field_that_is_not_indexed_is_400_FIELD_NOT_INDEXED_naming_it(string query, string field)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(Records() + "?" + query);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "FIELD_NOT_INDEXED", field);
        Assert.Contains($"'{field}'", (await ReadJsonAsync(response)).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("searchField=colour&searchValue=red", "colour")]
    [InlineData("sortedField=colour", "colour")]
    public async Task Searching_or_sorting_on_a_field_the_table_lacks_is_400_UNKNOWN_FIELD(string query, string field)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(Records() + "?" + query);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "UNKNOWN_FIELD", field);
    }

    [Fact]
    public async Task A_search_value_that_cannot_be_the_field_type_is_400_INVALID_FIELD_VALUE()
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(Records() + "?searchField=customerId&searchValue=abc");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_FIELD_VALUE", "customerId");
    }

    /// <summary>The business keys a query answers, in order.</summary>
    private async Task<List<long>> KeysAsync(string query)
    {
        using var response = await Http.GetAsync(Records() + "?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("records").EnumerateArray().Select(r => r.GetProperty("businessKey").GetInt64()).ToList();
    }
}

/// <summary>A table with more records than one query may answer.</summary>
public sealed class CustomTableQueryLimitTests : CustomTableTest
{
    protected override Licence CreateLicence() => TestLicences.SampleWithManyTickets(250);

    [Theory]
    [InlineData("", 200)]
    [InlineData("number=200", 200)]
    [InlineData("number=201", 200)]
    [InlineData("number=5000", 200)]
    [InlineData("number=99999999999", 200)]
    [InlineData("number=3", 3)]
    [InlineData("number=1", 1)]
    public async Task number_defaults_to_200_and_is_capped_at_200(string query, int expected)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(Records() + "?searchField=customerId&searchValue=777&" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refs = (await ReadJsonAsync(response)).GetProperty("records").EnumerateArray().Select(r => r.GetProperty("businessKey").GetInt64()).ToList();
        Assert.Equal(expected, refs.Count);
        Assert.Equal(Enumerable.Range(1000, expected).Select(i => (long)i), refs);
    }
}

/// <summary>A table whose licence declares no indexedFields: the business key, id and the two moments are indexed.</summary>
public sealed class CustomTableDefaultIndexTests : CustomTableTest
{
    protected override Licence CreateLicence()
    {
        var licence = TestLicences.Sample();
        licence.Entities[0].CustomTables[0].IndexedFields = null;
        return licence;
    }

    [Theory]
    [InlineData("searchField=ref&searchValue=32", HttpStatusCode.OK)]
    [InlineData("searchField=id&searchValue=31", HttpStatusCode.OK)]
    [InlineData("sortedField=updateMoment", HttpStatusCode.OK)]
    [InlineData("sortedField=creationMoment", HttpStatusCode.OK)]
    [InlineData("searchField=customerId&searchValue=50662", HttpStatusCode.BadRequest)]
    public async Task Only_the_default_fields_are_indexed(string query, HttpStatusCode expected)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(Records() + "?" + query);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            await AssertErrorAsync(response, expected, "FIELD_NOT_INDEXED", "customerId");
        }
    }
}
