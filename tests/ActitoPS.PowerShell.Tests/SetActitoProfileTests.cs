using System.Management.Automation;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Set-ActitoProfile fed as users feed it: Import-Csv rows, hashtables, typed objects, -InputObject.</summary>
public sealed class SetActitoProfileTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    private IReadOnlyDictionary<string, string?> StoredProfile(string customerId) =>
        Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table)
            .Single(p => p.Attributes.TryGetValue("customerId", out var id) && id == customerId).Attributes;

    [Fact]
    public void The_quick_start_pipeline_upserts_every_sample_row_and_reports_them_in_order()
    {
        Connect();

        var result = Session.Run($"{Rows.ImportSample()} | Set-ActitoProfile -Table MyWebsiteProfiles").AssertClean();

        var csvRows = File.ReadAllLines(EmulatorFixture.SamplePath("profiles.csv")).Length - 1;
        Assert.Equal(Enumerable.Range(1, csvRows), result.Output.Select(o => (int)Rows.Property(o, "RowNumber")!));
        Assert.All(result.Output, o => Assert.Equal("MyWebsiteProfiles", Rows.Property(o, "Table")));
        Assert.Equal(csvRows, Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table).Count);
        var helene = StoredProfile("10001");
        Assert.Equal("Hélène", helene["firstName"]);
        Assert.Equal("Liège", helene["addressLocality"]);
    }

    [Fact]
    public void Rows_shaped_as_Import_Csv_gives_them_bind_by_value()
    {
        Connect();
        var row = Rows.CsvRow(("customerId", "5001"), ("emailAddress", "a@example.com"), ("nbChildren", "2"), ("birthDate", "1990-05-17"));

        Session.Run($"{row} | Set-ActitoProfile -Table MyWebsiteProfiles").AssertClean();

        var stored = StoredProfile("5001");
        Assert.Equal("a@example.com", stored["emailAddress"]);
        Assert.Equal("2", stored["nbChildren"]);
        Assert.Equal("1990-05-17", stored["birthDate"]);
    }

    [Fact]
    public void Hashtables_and_typed_values_bind_by_value_and_go_out_culture_invariantly()
    {
        Connect();
        var row = Rows.Hashtable(("customerId", "5002"), ("emailAddress", "'h@example.com'"), ("nbChildren", "[int]3"), ("birthDate", "[datetime]::new(1985, 12, 31)"));

        Session.Run($"[System.Threading.Thread]::CurrentThread.CurrentCulture = 'de-DE'; {row} | Set-ActitoProfile -Table MyWebsiteProfiles").AssertClean();

        var stored = StoredProfile("5002");
        Assert.Equal("3", stored["nbChildren"]);
        Assert.Equal("1985-12-31", stored["birthDate"]);
    }

    [Fact]
    public void An_array_given_to_InputObject_is_taken_row_by_row()
    {
        Connect();
        var script = $"$rows = @({Rows.CsvRow(("customerId", "6001"))}, {Rows.CsvRow(("customerId", "6002"))}); Set-ActitoProfile -Table MyWebsiteProfiles -InputObject $rows";

        var result = Session.Run(script).AssertClean();

        Assert.Equal([1, 2], result.Output.Select(o => (int)Rows.Property(o, "RowNumber")!));
        Assert.Equal(2, Emulator.ProfileWrites().Count);
    }

    /// <summary>Two profiles whose keys a third row mixes: Actito answers that row 409 and changes neither.</summary>
    private void SeedTwoProfiles() =>
        Session.Run($"{Rows.CsvRow(("customerId", "7001"), ("emailAddress", "a@example.com"))}, {Rows.CsvRow(("customerId", "7002"), ("emailAddress", "b@example.com"))} | Set-ActitoProfile -Table MyWebsiteProfiles | Out-Null").AssertClean();

    private static string ConflictingRow => Rows.CsvRow(("customerId", "7001"), ("emailAddress", "b@example.com"), ("lastName", "Mixed"));

    [Fact]
    public void A_row_Actito_refuses_is_a_non_terminating_error_with_its_row_its_id_its_category_and_Actitos_answer()
    {
        Connect();
        SeedTwoProfiles();
        var script = $"""
            $rows = @(
                {Rows.CsvRow(("customerId", "7003"))}
                {ConflictingRow}
                {Rows.CsvRow(("customerId", "7004"))}
            )
            $rows | Set-ActitoProfile -Table MyWebsiteProfiles -ErrorVariable rowErrors
            """;

        var result = Session.Run(script);

        Assert.Null(result.Terminated);
        Assert.Equal([1, 3], result.Output.Select(o => (int)Rows.Property(o, "RowNumber")!));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoConflict,ActitoPS.Profiles.SetActitoProfileCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.StartsWith("Row 2", error.Exception.Message);
        Assert.Equal("Mixed", Rows.Property(PSObject.AsPSObject(error.TargetObject), "lastName"));
        Assert.Contains("UNIQUE_KEY_CONFLICT", error.ErrorDetails.Message);
        Assert.Contains("different profiles", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain(Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table), p => p.Attributes.GetValueOrDefault("lastName") == "Mixed");

        var errorVariable = Assert.IsAssignableFrom<System.Collections.IList>(Session.GetVariable("rowErrors"));
        var kept = Assert.IsType<ErrorRecord>(Assert.Single(errorVariable.Cast<object>()));
        Assert.Equal(error.FullyQualifiedErrorId, kept.FullyQualifiedErrorId);
    }

    [Fact]
    public void A_row_that_does_not_fit_the_structure_costs_no_call_and_names_its_row_and_field()
    {
        Connect();
        var rows = $"{Rows.CsvRow(("customerId", "7101"))}, {Rows.CsvRow(("customerId", "7102"), ("shoeSize", "44"))}, {Rows.CsvRow(("customerId", "7103"), ("birthDate", "31/02/2019"))}, {Rows.CsvRow(("lastName", "NoKey"))}";

        var result = Session.Run($"{rows} | Set-ActitoProfile -Table MyWebsiteProfiles");

        Assert.Equal(
            ["Row 2, field 'shoeSize'", "Row 3, field 'birthDate'", "Row 4, field 'emailAddress or customerId'"],
            result.Errors.Select(e => e.Exception.Message[..e.Exception.Message.IndexOf(':')]));
        Assert.All(result.Errors, e => Assert.Equal("ActitoInvalidRow,ActitoPS.Profiles.SetActitoProfileCommand", e.FullyQualifiedErrorId));
        Assert.Single(Emulator.ProfileWrites());
    }

    [Fact]
    public void A_row_refused_before_sending_names_its_row_and_field_and_nothing_is_sent_for_it()
    {
        Connect();
        var row = Rows.CsvRow(("customerId", "7101"), ("subscriptions#Newsletter", "maybe"));

        var result = Session.Run($"{row} | Set-ActitoProfile -Table MyWebsiteProfiles -DataCollectionSource Web -DataCollectionWay Form");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoInvalidRow,ActitoPS.Profiles.SetActitoProfileCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith("Row 1, field 'subscriptions#Newsletter'", error.Exception.Message);
        Assert.Equal("Nothing was sent for row 1: correct its field 'subscriptions#Newsletter' and send it again.", error.ErrorDetails.RecommendedAction);
        Assert.Contains("subscriptions#Newsletter", error.ErrorDetails.Message);
        Assert.Empty(Emulator.ProfileWrites());
    }

    [Fact]
    public void ErrorAction_Stop_stops_at_the_first_row_Actito_refuses_and_sends_nothing_after_it()
    {
        Connect();
        SeedTwoProfiles();
        Emulator.Admin.ClearRequestLog();
        var rows = string.Join(", ", Enumerable.Range(1, 12).Select(i => i == 3 ? ConflictingRow : Rows.CsvRow(("customerId", "800" + i))));

        var result = Session.Run($"@({rows}) | Set-ActitoProfile -Table MyWebsiteProfiles -ErrorAction Stop");

        var stopped = Assert.IsAssignableFrom<IContainsErrorRecord>(result.Terminated).ErrorRecord;
        Assert.Equal("ActitoConflict,ActitoPS.Profiles.SetActitoProfileCommand", stopped.FullyQualifiedErrorId);
        Assert.Equal(3, Emulator.ProfileWrites().Count);
        Assert.Equal(4, Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table).Count);
    }

    [Fact]
    public void ErrorActionPreference_Stop_is_honoured_as_the_parameter_is()
    {
        Connect();
        var rows = string.Join(", ", Enumerable.Range(1, 8).Select(i => Rows.CsvRow(("customerId", "810" + i), ("subscriptions#Newsletter", i == 2 ? "maybe" : "true"))));

        var result = Session.Run($"$ErrorActionPreference = 'Stop'; @({rows}) | Set-ActitoProfile -Table MyWebsiteProfiles -DataCollectionSource Web -DataCollectionWay Form");

        var stopped = Assert.IsAssignableFrom<IContainsErrorRecord>(result.Terminated).ErrorRecord;
        Assert.Equal("ActitoInvalidRow,ActitoPS.Profiles.SetActitoProfileCommand", stopped.FullyQualifiedErrorId);
        Assert.Single(Emulator.ProfileWrites());
    }

    [Fact]
    public void A_row_whose_earlier_attempt_may_have_been_applied_says_so_in_a_property_a_script_can_test()
    {
        Connect();
        // The first attempt is applied and its answer lost; every retry is refused until the attempts run out.
        Emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, AfterApply = true, Method = "POST", PathContains = "/profile", Count = 1 });
        Emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 429, RetryAfter = "0", Method = "POST", PathContains = "/profile", Count = 20 });

        var result = Session.Run($"{Rows.CsvRow(("customerId", "8501"))} | Set-ActitoProfile -Table MyWebsiteProfiles -ErrorVariable failed; $failed | Where-Object {{ $_.Exception.MayHaveBeenApplied }} | ForEach-Object {{ $_.TargetObject.customerId }}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoHttp429,ActitoPS.Profiles.SetActitoProfileCommand", error.FullyQualifiedErrorId);
        Assert.Contains("earlier attempt may have been applied", error.Exception.Message);
        Assert.Contains("before sending this row again", error.ErrorDetails.RecommendedAction);
        Assert.Equal(["8501"], result.Text);
        Assert.Single(Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table));
    }

    [Fact]
    public void Verbose_shows_each_HTTP_call_and_never_the_key_or_a_token()
    {
        Connect();

        var result = Session.Run($"{Rows.ImportSample()} | Set-ActitoProfile -Table MyWebsiteProfiles -Verbose").AssertClean();

        var verbose = result.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(verbose, v => v.StartsWith("GET /profile-table-structure/v5/entities/MyEntity/profile-tables -> 200"));
        Assert.Equal(Emulator.ProfileWrites().Count, verbose.Count(v => v.StartsWith("POST /profiles/v4/entity/MyEntity/table/MyWebsiteProfiles/profile?allowUpdate=true -> 200")));
        var tokens = Emulator.Admin.GetIssuedTokens();
        Assert.NotEmpty(tokens);
        foreach (var secret in tokens.Append(EmulatorFixture.ApiKey))
        {
            Assert.DoesNotContain(verbose, v => v.Contains(secret, StringComparison.Ordinal));
        }
    }
}
