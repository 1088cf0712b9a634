using System.Management.Automation;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// Every -Mode into the profile table and into the custom table, with -Wait: one row that matches what is stored and
/// one that does not, so each mode's two outcomes show in the stored data, the execution's counters and its error lines.
/// </summary>
public sealed class EtlModeTests(EmulatorFixture emulator) : EtlInEngineTest(emulator)
{
    private const string Wire = "Mode";

    /// <summary>Profiles 72001 and 72002 exist (lastName Seed); the import sends 72001 (exists) and 72003 (new).</summary>
    private void SeedProfiles()
    {
        SetRows("seed", Obj(("customerId", "72001"), ("lastName", "Seed"), ("firstName", "Kept")), Obj(("customerId", "72002"), ("lastName", "Seed")));
        Session.Run("$seed | Start-ActitoEtl -Table MyWebsiteProfiles -Wait | Out-Null").AssertClean();
        Assert.Equal(2, Profiles().Count);
        Emulator.Admin.ClearRequestLog();
    }

    /// <param name="start">The Start-ActitoEtl command line, without -Mode and -Wait (rows in $rows).</param>
    private (PSObject Execution, IReadOnlyList<PSObject> Errors, ScriptResult Result) Import(string start, string mode)
    {
        var result = Session.Run($"$e = {start} -Mode {mode} -Wait; $e; $e | Get-ActitoEtlError");
        Assert.Empty(result.Errors);
        Assert.Null(result.Terminated);
        var execution = result.Output[0];
        Assert.Equal("FINISHED", Prop(execution, "Status"));
        Assert.Single(Uploads());
        return (execution, [.. result.Output.Skip(1)], result);
    }

    private static void AssertCounters(PSObject execution, long inserted, long updated, long deleted, long inError)
    {
        Assert.Equal(2L, Prop(execution, "LinesRead"));
        Assert.Equal(2L, Prop(execution, "Rows"));
        Assert.Equal(inserted, Prop(execution, "Inserted"));
        Assert.Equal(updated, Prop(execution, "Updated"));
        Assert.Equal(deleted, Prop(execution, "Deleted"));
        Assert.Equal(inError, Prop(execution, "LinesInError"));
    }

    [Fact]
    public void CreateOrUpdate_into_the_profile_table_updates_the_match_partially_and_creates_the_other()
    {
        ConnectFast();
        SeedProfiles();
        SetRows("rows", Obj(("customerId", "72001"), ("lastName", "Updated")), Obj(("customerId", "72003"), ("lastName", "New")));

        var (execution, errors, result) = Import("$rows | Start-ActitoEtl -Table MyWebsiteProfiles", "CreateOrUpdate");

        Assert.Equal("CREATE_OR_UPDATE", Prop(execution, Wire));
        AssertCounters(execution, inserted: 1, updated: 1, deleted: 0, inError: 0);
        Assert.Empty(errors);
        Assert.Empty(result.Warnings);
        Assert.Equal("Updated", Profile("72001")!.Attributes["lastName"]);
        Assert.Equal("Kept", Profile("72001")!.Attributes["firstName"]);
        Assert.Equal("Seed", Profile("72002")!.Attributes["lastName"]);
        Assert.Equal("New", Profile("72003")!.Attributes["lastName"]);
        Assert.Equal(3, Profiles().Count);
    }

    [Fact]
    public void CreateOnly_into_the_profile_table_creates_the_new_one_and_refuses_the_existing_one()
    {
        ConnectFast();
        SeedProfiles();
        SetRows("rows", Obj(("customerId", "72001"), ("lastName", "Updated")), Obj(("customerId", "72003"), ("lastName", "New")));

        var (execution, errors, result) = Import("$rows | Start-ActitoEtl -Table MyWebsiteProfiles", "CreateOnly");

        Assert.Equal("CREATE_ONLY", Prop(execution, Wire));
        AssertCounters(execution, inserted: 1, updated: 0, deleted: 0, inError: 1);
        var error = Assert.Single(errors);
        Assert.Equal("PROFILE_ALREADY_EXISTS", Prop(error, "ErrorCode"));
        Assert.Equal(1L, Prop(error, "Row"));
        Assert.Contains("1 of 2 lines in error", Assert.Single(result.Warnings).Message);
        Assert.Equal("Seed", Profile("72001")!.Attributes["lastName"]);
        Assert.Equal("New", Profile("72003")!.Attributes["lastName"]);
        Assert.Equal(3, Profiles().Count);
    }

    [Fact]
    public void UpdateOnly_into_the_profile_table_updates_the_match_and_creates_nothing()
    {
        ConnectFast();
        SeedProfiles();
        SetRows("rows", Obj(("customerId", "72001"), ("lastName", "Updated")), Obj(("customerId", "72003"), ("lastName", "New")));

        var (execution, errors, _) = Import("$rows | Start-ActitoEtl -Table MyWebsiteProfiles", "UpdateOnly");

        Assert.Equal("UPDATE_ONLY", Prop(execution, Wire));
        AssertCounters(execution, inserted: 0, updated: 1, deleted: 0, inError: 1);
        var error = Assert.Single(errors);
        Assert.Equal("PROFILE_NOT_FOUND", Prop(error, "ErrorCode"));
        Assert.Equal(2L, Prop(error, "Row"));
        Assert.Equal(3L, Prop(error, "Line"));
        Assert.Equal("Updated", Profile("72001")!.Attributes["lastName"]);
        Assert.Equal("Kept", Profile("72001")!.Attributes["firstName"]);
        Assert.Null(Profile("72003"));
        Assert.Equal(2, Profiles().Count);
    }

    [Fact]
    public void Delete_from_the_profile_table_deletes_the_match_and_names_the_missing_one()
    {
        ConnectFast();
        SeedProfiles();
        SetRows("rows", Obj(("customerId", "72001")), Obj(("customerId", "72003")));

        var (execution, errors, _) = Import("$rows | Start-ActitoEtl -Table MyWebsiteProfiles", "Delete");

        Assert.Equal("DELETE", Prop(execution, Wire));
        AssertCounters(execution, inserted: 0, updated: 0, deleted: 1, inError: 1);
        Assert.Equal("PROFILE_NOT_FOUND", Prop(Assert.Single(errors), "ErrorCode"));
        Assert.Null(Profile("72001"));
        Assert.NotNull(Profile("72002"));
        Assert.Single(Profiles());
    }

    // DemoDocTickets holds the licence's seed records, ref 32 among them (refMagasin "5", montant 123, customerId 25716).
    // Its rows go in as a delivered file (-Path): pipeline rows with -CustomTable hit the defect of
    // Pipeline_rows_load_into_the_custom_table below.

    /// <summary>Writes the lines as a UTF-8 CSV (no BOM) and returns the Start-ActitoEtl command that sends it.</summary>
    private string Tickets(params string[] lines)
    {
        var file = Path.Combine(Work, "tickets.csv");
        File.WriteAllText(file, string.Join("\r\n", lines) + "\r\n", Utf8NoBom);
        return $"Start-ActitoEtl -CustomTable DemoDocTickets -Path {Q(file)}";
    }

    [Fact]
    public void Pipeline_rows_load_into_the_custom_table()
    {
        ConnectFast();
        SetRows("rows", Obj(("ref", "32"), ("montant", "500")), Obj(("ref", "7001"), ("refMagasin", "A1"), ("montant", "10"), ("customerId", "1")));

        var (execution, errors, _) = Import("$rows | Start-ActitoEtl -CustomTable DemoDocTickets", "CreateOrUpdate");

        AssertCounters(execution, inserted: 1, updated: 1, deleted: 0, inError: 0);
        Assert.Empty(errors);
        Assert.Equal(500L, Ticket("32")!.Properties["montant"]);
        Assert.Equal("A1", Ticket("7001")!.Properties["refMagasin"]);
    }

    [Fact]
    public void CreateOrUpdate_into_the_custom_table_updates_the_match_and_creates_the_other()
    {
        ConnectFast();
        var before = Records().Count;
        var start = Tickets("ref,montant,customerId,refMagasin", "32,500,99,5", "7001,10,1,A1");

        var (execution, errors, _) = Import(start, "CreateOrUpdate");

        Assert.Equal("CREATE_OR_UPDATE", Prop(execution, Wire));
        AssertCounters(execution, inserted: 1, updated: 1, deleted: 0, inError: 0);
        Assert.Empty(errors);
        Assert.Equal(500L, Ticket("32")!.Properties["montant"]);
        Assert.Equal(99L, Ticket("32")!.Properties["customerId"]);
        Assert.Equal("5", Ticket("32")!.Properties["refMagasin"]);
        Assert.Equal("A1", Ticket("7001")!.Properties["refMagasin"]);
        Assert.Equal(before + 1, Records().Count);
    }

    [Fact]
    public void CreateOnly_into_the_custom_table_creates_the_new_one_and_refuses_the_existing_one()
    {
        ConnectFast();
        var before = Records().Count;
        var start = Tickets("ref,refMagasin,montant,customerId", "32,B,500,1", "7001,A1,10,1");

        var (execution, errors, _) = Import(start, "CreateOnly");

        Assert.Equal("CREATE_ONLY", Prop(execution, Wire));
        AssertCounters(execution, inserted: 1, updated: 0, deleted: 0, inError: 1);
        var error = Assert.Single(errors);
        Assert.Equal("RECORD_ALREADY_EXISTS", Prop(error, "ErrorCode"));
        Assert.Equal("32", ((System.Collections.IDictionary)Prop(error, "Values")!)["ref"]);
        Assert.Equal(123L, Ticket("32")!.Properties["montant"]);
        Assert.Equal(10L, Ticket("7001")!.Properties["montant"]);
        Assert.Equal(before + 1, Records().Count);
    }

    [Fact]
    public void UpdateOnly_into_the_custom_table_updates_the_match_and_creates_nothing()
    {
        ConnectFast();
        var before = Records().Count;
        var start = Tickets("ref,refMagasin,montant,customerId", "32,B,500,25716", "7001,A1,10,1");

        var (execution, errors, _) = Import(start, "UpdateOnly");

        Assert.Equal("UPDATE_ONLY", Prop(execution, Wire));
        AssertCounters(execution, inserted: 0, updated: 1, deleted: 0, inError: 1);
        Assert.Equal("RECORD_NOT_FOUND", Prop(Assert.Single(errors), "ErrorCode"));
        Assert.Equal(500L, Ticket("32")!.Properties["montant"]);
        Assert.Equal("B", Ticket("32")!.Properties["refMagasin"]);
        Assert.Null(Ticket("7001"));
        Assert.Equal(before, Records().Count);
    }

    [Fact]
    public void Delete_from_the_custom_table_deletes_the_match_and_names_the_missing_one()
    {
        ConnectFast();
        var before = Records().Count;
        var start = Tickets("ref", "32", "7001");

        var (execution, errors, _) = Import(start, "Delete");

        Assert.Equal("DELETE", Prop(execution, Wire));
        Assert.Equal("DemoDocTickets", Prop(execution, "Table"));
        AssertCounters(execution, inserted: 0, updated: 0, deleted: 1, inError: 1);
        Assert.Equal("RECORD_NOT_FOUND", Prop(Assert.Single(errors), "ErrorCode"));
        Assert.Null(Ticket("32"));
        Assert.NotNull(Ticket("49"));
        Assert.Equal(before - 1, Records().Count);
    }
}
