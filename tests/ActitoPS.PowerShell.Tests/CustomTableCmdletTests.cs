using System.Management.Automation;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>The custom-table cmdlets against the guide's DemoDocTickets table and its seeded tickets.</summary>
public sealed class CustomTableCmdletTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    private const string Tickets = "DemoDocTickets";

    private IReadOnlyList<CustomTableRecordSnapshot> Stored => Emulator.Admin.GetRecords(EmulatorFixture.Entity, Tickets);

    private CustomTableRecordSnapshot? Ticket(string key) => Stored.SingleOrDefault(r => r.BusinessKey == key);

    private IReadOnlyList<string> Calls() => [.. Emulator.Admin.GetRequestLog().Where(e => !e.Path.Contains("/auth/")).Select(e => $"{e.Method} {e.Path}")];

    private static string Row(string reference, string shop = "2", string amount = "93", string customer = "34567") =>
        $"[pscustomobject]@{{ ref = '{reference}'; refMagasin = '{shop}'; montant = '{amount}'; customerId = '{customer}' }}";

    [Fact]
    public void Get_ActitoCustomTable_shows_the_guides_table_with_its_keys_and_fields()
    {
        Connect();

        var table = Session.Run("Get-ActitoCustomTable -Name demodoc*").AssertClean().Output.Single();

        Assert.Equal(Tickets, Rows.Property(table, "TechnicalName"));
        Assert.Equal("ref", Rows.Property(table, "BusinessKeyField"));
        Assert.Equal("id", Rows.Property(table, "PrimaryKeyField"));
        var fields = Session.Run("(Get-ActitoCustomTable DemoDocTickets).Fields | ForEach-Object { '{0}:{1}' -f $_.FieldName, $_.Type }").AssertClean().Text;
        Assert.Equal(["ref:Long", "refMagasin:String", "montant:Long", "customerId:Long", "updateMoment:Date", "creationMoment:Date", "id:Long"], fields);
    }

    [Fact]
    public void Get_ActitoRecord_by_business_key_gives_typed_fields_and_an_unknown_key_is_a_not_found_error()
    {
        Connect();

        var result = Session.Run($"'32', '999', '4' | Get-ActitoRecord -CustomTable {Tickets}");

        Assert.Equal(["32", "4"], result.Output.Select(o => Rows.Property(o, "BusinessKey")?.ToString()));
        var ticket = result.Output[0];
        Assert.Equal(25716L, Rows.Property(ticket, "customerId"));
        Assert.Equal(123L, Rows.Property(ticket, "montant"));
        Assert.Equal("5", Rows.Property(ticket, "refMagasin"));
        Assert.IsType<DateTimeOffset>(Rows.Property(ticket, "creationMoment"));
        Assert.Equal(Tickets, Rows.Property(ticket, "CustomTable"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoNotFound,ActitoPS.CustomTables.GetActitoRecordCommand", error.FullyQualifiedErrorId);
        Assert.Contains("No record with ref 999", error.Exception.Message);
    }

    [Fact]
    public void The_guides_query_finds_the_customers_tickets_in_the_order_asked()
    {
        Connect();

        var ascending = Session.Run($"Get-ActitoRecord -CustomTable {Tickets} -SearchField customerId -SearchValue 50662 -SortField ref").AssertClean();
        var descending = Session.Run($"Get-ActitoRecord -CustomTable {Tickets} -SearchField customerId -SearchValue 50662 -SortField ref -Descending -First 2").AssertClean();

        Assert.Equal(["4", "6", "7", "19", "49"], ascending.Output.Select(o => Rows.Property(o, "BusinessKey")?.ToString()));
        Assert.Equal(["49", "19"], descending.Output.Select(o => Rows.Property(o, "BusinessKey")?.ToString()));
        Assert.Empty(ascending.Warnings);
        Assert.Contains(Calls(), c => c == "GET /custom-data/v4/entity/MyEntity/customTable/DemoDocTickets/record");
        Assert.Contains(Emulator.Admin.GetRequestLog(), e => e.Query.Contains("searchField=customerId") && e.Query.Contains("number=2") && e.Query.Contains("ascending=false"));
    }

    [Fact]
    public void A_query_that_fills_the_200_record_answer_warns_that_more_may_exist()
    {
        // No client-side call budget: 205 writes would take two minutes at the licence's 100 a minute.
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0 });
        Connect("-CallsPerMinute 0");
        Session.Run($"1..205 | ForEach-Object {{ [pscustomobject]@{{ ref = \"$(5000 + $_)\"; refMagasin = '9'; montant = '1'; customerId = '777' }} }} | Set-ActitoRecord -CustomTable {Tickets} -ThrottleLimit 5 | Out-Null").AssertClean();

        var result = Session.Run($"Get-ActitoRecord -CustomTable {Tickets} -SearchField customerId -SearchValue 777").AssertClean();
        var limited = Session.Run($"Get-ActitoRecord -CustomTable {Tickets} -SearchField customerId -SearchValue 777 -First 200").AssertClean();

        Assert.Equal(200, result.Output.Count);
        Assert.Contains("more may match customerId=777", Assert.Single(result.Warnings).Message);
        Assert.Empty(limited.Warnings);
    }

    [Fact]
    public void A_search_on_a_field_the_table_lacks_stops_before_any_call()
    {
        Connect();
        Session.Run($"Get-ActitoCustomTable {Tickets} | Out-Null").AssertClean();
        Emulator.Admin.ClearRequestLog();

        var error = Session.Catch($"Get-ActitoRecord -CustomTable {Tickets} -SearchField shop -SearchValue 2");

        Assert.Contains("has no field 'shop'", error.Exception.Message);
        Assert.Empty(Calls());
    }

    [Fact]
    public void Set_ActitoRecord_creates_as_the_guides_POST_does_and_updates_on_the_same_business_key()
    {
        Connect();

        var created = Session.Run($"{Row("185")} | Set-ActitoRecord -CustomTable demodoctickets").AssertClean();
        Session.Run($"{Row("185", amount: "95")} | Set-ActitoRecord -CustomTable {Tickets}").AssertClean();

        Assert.Equal("185", Rows.Property(created.Output.Single(), "BusinessKey")?.ToString());
        var ticket = Ticket("185")!;
        Assert.Equal(95L, ticket.Properties["montant"]);
        Assert.Equal(34567L, ticket.Properties["customerId"]);
        Assert.Equal(2, ticket.WriteCount);
    }

    [Fact]
    public void CreateOnly_refuses_an_existing_business_key_and_changes_nothing()
    {
        Connect();

        var result = Session.Run($"{Row("32", amount: "1")} | Set-ActitoRecord -CustomTable {Tickets} -CreateOnly");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoConflict,ActitoPS.CustomTables.SetActitoRecordCommand", error.FullyQualifiedErrorId);
        Assert.Contains("drop -CreateOnly", error.ErrorDetails.RecommendedAction);
        Assert.Equal(123L, Ticket("32")!.Properties["montant"]);
    }

    [Fact]
    public void Rows_that_do_not_fit_the_structure_cost_no_call_and_name_their_row_and_field()
    {
        Connect();
        Session.Run($"Get-ActitoCustomTable {Tickets} | Out-Null").AssertClean();
        Emulator.Admin.ClearRequestLog();
        var rows = string.Join(", ",
            "[pscustomobject]@{ ref = '300'; shop = '1' }",
            "[pscustomobject]@{ ref = '301'; id = '7' }",
            "[pscustomobject]@{ refMagasin = '1'; montant = '2' }",
            "[pscustomobject]@{ ref = '302'; montant = '12,5' }",
            "[pscustomobject]@{ ref = '303'; refMagasin = '1' }");

        var result = Session.Run($"{rows} | Set-ActitoRecord -CustomTable {Tickets} -CreateOnly");

        Assert.Equal(
            ["Row 1, field 'shop'", "Row 2, field 'id'", "Row 3, field 'ref'", "Row 4, field 'montant'", "Row 5, field 'montant'"],
            result.Errors.Select(e => e.Exception.Message[..e.Exception.Message.IndexOf(':')]));
        Assert.All(result.Errors, e => Assert.Equal("ActitoInvalidRow,ActitoPS.CustomTables.SetActitoRecordCommand", e.FullyQualifiedErrorId));
        Assert.Empty(Calls());
    }

    [Fact]
    public void A_record_read_edited_and_piped_back_changes_only_that_field_by_PUT()
    {
        Connect();

        Session.Run($"$t = Get-ActitoRecord {Tickets} 32; $t.montant = 150; $t | Set-ActitoRecord").AssertClean();

        var ticket = Ticket("32")!;
        Assert.Equal(150L, ticket.Properties["montant"]);
        Assert.Equal("5", ticket.Properties["refMagasin"]);
        Assert.Contains(Calls(), c => c == "PUT /custom-data/v4/entity/MyEntity/customTable/DemoDocTickets/record/32");
    }

    [Fact]
    public void A_record_found_and_piped_to_Remove_ActitoRecord_is_deleted_and_only_that_one()
    {
        Connect();
        var before = Stored.Count;

        var result = Session.Run($"Get-ActitoRecord -CustomTable {Tickets} -SearchField ref -SearchValue 49 | Remove-ActitoRecord -Confirm:$false").AssertClean();

        Assert.Equal("Deleted", Rows.Property(result.Output.Single(), "Change"));
        Assert.Null(Ticket("49"));
        Assert.Equal(before - 1, Stored.Count);
    }

    [Fact]
    public void Remove_ActitoRecord_asks_first_honours_WhatIf_with_Force_and_names_an_unknown_key()
    {
        Connect();
        Session.UI.Answer(ConfirmAnswer.No);

        Session.Run($"Remove-ActitoRecord {Tickets} 32").AssertClean();
        Session.Run($"Remove-ActitoRecord {Tickets} 32 -Force -WhatIf").AssertClean();
        var unknown = Session.Run($"Remove-ActitoRecord {Tickets} 999 -Force");

        Assert.Single(Session.UI.Prompts);
        Assert.NotNull(Ticket("32"));
        Assert.Contains("No record with ref 999", Assert.Single(unknown.Errors).Exception.Message);
        Assert.DoesNotContain(Calls(), c => c.EndsWith("/record/32", StringComparison.Ordinal) && c.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatIf_writes_nothing()
    {
        Connect();

        Session.Run($"{Row("400")}, {Row("401")} | Set-ActitoRecord -CustomTable {Tickets} -WhatIf").AssertClean();

        Assert.DoesNotContain(Calls(), c => !c.StartsWith("GET", StringComparison.Ordinal));
        Assert.Null(Ticket("400"));
    }

    [Fact]
    public void Table_and_field_names_complete_from_the_structure()
    {
        Connect();

        IReadOnlyList<string> Complete(string line) =>
            Session.Run($"(TabExpansion2 -inputScript {Rows.Quote(line)} -cursorColumn {line.Length}).CompletionMatches.CompletionText").AssertClean().Text;

        Assert.Equal([Tickets], Complete("Get-ActitoRecord -CustomTable Demo"));
        Assert.Equal(["creationMoment", "customerId"], Complete($"Get-ActitoRecord -CustomTable {Tickets} -SearchField c"));
    }

    [Fact]
    public void Records_render_as_their_table_view_and_list_view_within_120_columns()
    {
        Connect();

        Session.Render($"Get-ActitoRecord {Tickets} 32, 4").AssertClean();
        var table = Session.UI.Lines.Where(l => l.Trim().Length > 0).ToList();
        Session.UI.Clear();
        Session.Render($"Get-ActitoRecord {Tickets} 32 | Format-List").AssertClean();
        var list = Session.UI.Lines.Where(l => l.Trim().Length > 0).ToList();

        Assert.Matches(@"^CustomTable\s+BusinessKey\s+Fields\s*$", table[0]);
        Assert.Contains(table, l => l.StartsWith(Tickets, StringComparison.Ordinal) && l.Contains("ref=32; refMagasin=5; montant=123; customerId=25716"));
        Assert.Contains(list, l => l.Trim() == "montant = 123" || l.EndsWith("montant = 123", StringComparison.Ordinal));
        Assert.All(Session.UI.Lines.Concat(table), l => Assert.True(l.Length <= 120, $"Wider than 120: '{l}'"));
    }
}
