using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>GET …/customTable and …/customTable/{t}: the guide's structure, as it prints it.</summary>
public sealed class CustomTableStructureTests : CustomTableTest
{
    protected override Licence CreateLicence() => TestLicences.SampleWithOrders();

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task The_guide_table_answers_the_guide_structure_exactly(string basePath)
    {
        await AuthenticateAsync();

        // The guide's own curl call names the table in lower case.
        using var response = await Http.GetAsync($"{basePath}/demodoctickets");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSameJson(Fixtures.Read(Fixtures.CustomTableStructure), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("daf01958-fef1-43fe-a921-12d82772dc2a")]
    [InlineData("DEMODOCTICKETS")]
    [InlineData("DemoDocTickets")]
    public async Task A_table_is_found_by_its_id_or_its_technical_name_in_any_case_under_an_entity_in_any_case(string table)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync($"custom-data/v4/entity/myentity/customTable/{table}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DemoDocTickets", (await ReadJsonAsync(response)).GetProperty("technicalName").GetString());
    }

    [Theory]
    [MemberData(nameof(BasePaths))]
    public async Task The_list_wraps_every_table_structure_in_customTables(string basePath)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(basePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tables = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["customTables"]!.AsArray();
        Assert.Equal(["DemoDocTickets", TestLicences.OrdersTable], tables.Select(t => t!["technicalName"]!.GetValue<string>()));
        AssertSameJson(Fixtures.Read(Fixtures.CustomTableStructure), tables[0]!.ToJsonString());
    }

    [Fact]
    public async Task Technical_fields_a_licence_leaves_out_are_added_and_entityId_defaults_to_the_entity_position()
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync($"{CustomDataBase}/{TestLicences.OrdersTable}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = await ReadJsonAsync(response);
        Assert.Equal(1, table.GetProperty("entityId").GetInt32());
        Assert.Equal("orderRef", table.GetProperty("businessKey").GetString());
        Assert.Equal("id", table.GetProperty("primaryKey").GetString());
        var attributes = table.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(
            ["orderRef", "amount", "paid", "orderDate", "customerId", "voucher", "note", "id", "creationMoment", "updateMoment"],
            attributes.Select(a => a.GetProperty("fieldName").GetString()));
        Assert.Equal(["Long", "Date", "Date"], attributes[^3..].Select(a => a.GetProperty("type").GetString()));
        Assert.Equal("free text", attributes[6].GetProperty("description").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, attributes[1].GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task An_unknown_table_is_404_CUSTOM_TABLE_NOT_FOUND_and_an_unknown_entity_404_ENTITY_NOT_FOUND()
    {
        await AuthenticateAsync();

        using var table = await Http.GetAsync($"{CustomDataBase}/NoSuchTable");
        using var records = await Http.GetAsync($"{CustomDataBase}/NoSuchTable/record/32");
        using var entity = await Http.GetAsync("custom-data/v4/entity/NoSuchEntity/customTable/DemoDocTickets");

        await AssertErrorAsync(table, HttpStatusCode.NotFound, "CUSTOM_TABLE_NOT_FOUND");
        await AssertErrorAsync(records, HttpStatusCode.NotFound, "CUSTOM_TABLE_NOT_FOUND");
        await AssertErrorAsync(entity, HttpStatusCode.NotFound, "ENTITY_NOT_FOUND");
    }

    public static readonly TheoryData<string, string> EveryRoute = new()
    {
        { "GET", "" },
        { "GET", "/DemoDocTickets" },
        { "GET", "/DemoDocTickets/record/32" },
        { "GET", "/DemoDocTickets/record?searchField=customerId&searchValue=50662" },
        { "POST", "/DemoDocTickets/record?allowUpdate=true" },
        { "PUT", "/DemoDocTickets/record/32" },
        { "DELETE", "/DemoDocTickets/record/32" },
    };

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Every_route_under_both_base_paths_needs_a_bearer_token_and_changes_nothing_without_one(string method, string route)
    {
        var before = Serialise(Admin.GetState());
        foreach (var basePath in new[] { CustomDataBase, WebServicesBase })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), basePath + route);
            if (method is "POST" or "PUT")
            {
                request.Content = Json(Ticket(32, montant: 1));
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
            using var response = await Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(before, Serialise(Admin.GetState()));
    }
}
