using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Start-ActitoEtl and Wait-ActitoEtl as the guide's partner import runs them: rows or files in, executions out.</summary>
public sealed class StartActitoEtlTests : InEngineTest
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "actitops-etl-tests", Guid.NewGuid().ToString("N"));

    public StartActitoEtlTests(EmulatorFixture emulator) : base(emulator)
    {
        Directory.CreateDirectory(_work);
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
    }

    public override void Dispose()
    {
        base.Dispose();
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private string Spool => Path.Combine(_work, "spool");

    private IReadOnlyList<RequestLogEntry> Uploads() =>
        [.. Emulator.Admin.GetRequestLog().Where(e => e.Method == "POST" && e.Path.EndsWith("/etl-executions", StringComparison.Ordinal))];

    private IReadOnlyList<ProfileSnapshot> Profiles() => Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table);

    [Fact]
    public void The_quick_starts_csv_goes_in_as_one_execution_and_every_profile_arrives()
    {
        Connect();

        var result = Session.Run($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles -Wait").AssertClean();

        var execution = Assert.Single(result.Output);
        var rows = File.ReadAllLines(EmulatorFixture.SamplePath("profiles.csv")).Length - 1;
        Assert.Equal("FINISHED", Rows.Property(execution, "Status"));
        Assert.Equal((long)rows, Rows.Property(execution, "LinesRead"));
        Assert.Equal((long)rows, Rows.Property(execution, "Inserted"));
        Assert.Equal((long)rows, Rows.Property(execution, "Rows"));
        Assert.Equal("MyWebsiteProfiles", Rows.Property(execution, "Table"));
        Assert.Single(Uploads());
        Assert.Equal(rows, Profiles().Count);
        Assert.Contains(Profiles(), p => p.Attributes.GetValueOrDefault("addressLocality") == "Ixelles, Bruxelles");
        Assert.False(File.Exists((string)Rows.Property(execution, "File")!), "the spool file is deleted once Actito accepted it");
    }

    [Fact]
    public void Without_wait_the_execution_is_returned_at_once_and_Wait_ActitoEtl_finishes_it_from_the_pipeline()
    {
        Connect();

        var result = Session.Run($"$e = {Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles; $e; $e | Wait-ActitoEtl").AssertClean();

        Assert.Equal(2, result.Output.Count);
        Assert.Equal("IN_PROGRESS", Rows.Property(result.Output[0], "Status"));
        Assert.Equal(Rows.Property(result.Output[0], "Id"), Rows.Property(result.Output[1], "Id"));
        Assert.Equal("FINISHED", Rows.Property(result.Output[1], "Status"));
        Assert.Equal(Rows.Property(result.Output[0], "Rows"), Rows.Property(result.Output[1], "Rows"));
    }

    [Fact]
    public void Rows_the_table_would_refuse_are_named_in_one_error_and_nothing_is_sent()
    {
        Connect();
        var rows = string.Join(", ",
            Rows.CsvRow(("customerId", "1"), ("lastName", "Ok"), ("birthDate", "1980-01-01")),
            Rows.CsvRow(("customerId", "2"), ("lastName", "Bad date"), ("birthDate", "31/02/2019")),
            Rows.CsvRow(("customerId", "3"), ("lastName", "Unknown"), ("favouriteColour", "blue")));

        var error = Session.Catch($"{rows} | Start-ActitoEtl -Table MyWebsiteProfiles");

        Assert.Equal("ActitoInvalidImport,ActitoPS.MassImports.StartActitoEtlCommand", error.FullyQualifiedErrorId);
        Assert.Contains("the column 'favouriteColour' maps to no field of profile table 'MyWebsiteProfiles'", error.Exception.Message);
        Assert.Contains("column 'birthDate', row 2:", error.Exception.Message);
        Assert.Empty(Uploads());
        Assert.Empty(Emulator.Admin.GetEtlExecutions());
    }

    [Fact]
    public void WhatIf_checks_and_writes_but_sends_nothing_and_spends_no_import()
    {
        Connect();

        var result = Session.Run($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles -WhatIf").AssertClean();

        Assert.Empty(result.Output);
        Assert.Contains(Session.UI.Lines, l => l.Contains("What if:") && l.Contains("into profile table 'MyWebsiteProfiles'"));
        Assert.Empty(Uploads());
        Assert.Empty(Emulator.Admin.GetEtlExecutions());
    }

    [Fact]
    public void The_daily_quota_is_a_terminating_error_that_keeps_the_file_and_the_file_is_sent_again_with_Path()
    {
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        Connect();
        Session.Run($"{Rows.ImportSample()} | Select-Object -First 2 | Start-ActitoEtl -Table MyWebsiteProfiles -Wait | Out-Null").AssertClean();

        var error = Session.Catch($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles");

        Assert.Equal("ActitoImportQuotaExceeded,ActitoPS.MassImports.StartActitoEtlCommand", error.FullyQualifiedErrorId);
        var kept = Assert.IsType<string>(error.TargetObject);
        Assert.True(File.Exists(kept), kept);
        Assert.Contains(kept, error.Exception.Message);
        Assert.Contains("resets at", error.Exception.Message);
        Assert.Contains("Start-ActitoEtl -Path", error.ErrorDetails.RecommendedAction);
        Assert.Equal(2, Profiles().Count);

        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 0 });
        var resent = Session.Run($"Start-ActitoEtl -Path {Rows.Quote(kept)} -Table MyWebsiteProfiles -Wait").AssertClean();

        Assert.Equal("FINISHED", Rows.Property(Assert.Single(resent.Output), "Status"));
        Assert.Equal(File.ReadAllLines(EmulatorFixture.SamplePath("profiles.csv")).Length - 1, Profiles().Count);
        Assert.True(File.Exists(kept), "a file given with -Path is the user's: it is never deleted");
    }

    [Fact]
    public void Error_lines_come_back_as_objects_that_name_their_input_row_with_a_warning_that_says_how_many()
    {
        Connect();
        Session.Run($"{Rows.ImportSample()} | Select-Object -First 2 | Start-ActitoEtl -Table MyWebsiteProfiles -Wait | Out-Null").AssertClean();

        // Rows 1 and 2 exist already: CreateOnly refuses them, and creates row 3.
        var result = Session.Run($"$e = {Rows.ImportSample()} | Select-Object -First 3 | Start-ActitoEtl -Table MyWebsiteProfiles -Mode CreateOnly -Wait; $e | Get-ActitoEtlError");

        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings).Message;
        Assert.Contains("2 of 3 lines in error", warning);
        Assert.Contains("Get-ActitoEtlError -Id", warning);
        var errors = result.Output.ToList();
        Assert.Equal([1L, 2L], errors.Select(e => (long)Rows.Property(e, "Row")!));
        Assert.Equal([2L, 3L], errors.Select(e => (long)Rows.Property(e, "Line")!));
        Assert.All(errors, e => Assert.Equal("PROFILE_ALREADY_EXISTS", Rows.Property(e, "ErrorCode")));
        var values = (System.Collections.IDictionary)Rows.Property(errors[1], "Values")!;
        Assert.Equal("10002", values["customerId"]);
    }

    [Fact]
    public void OutFile_writes_the_file_that_would_be_sent_and_sends_nothing()
    {
        Connect();
        var outFile = Path.Combine(_work, "partners.csv.gz");

        var result = Session.Run($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile {Rows.Quote(outFile)}").AssertClean();

        var file = Assert.Single(result.Output);
        Assert.Equal(outFile, Rows.Property(file, "Path"));
        Assert.Empty(Uploads());
        using var text = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(outFile), System.IO.Compression.CompressionMode.Decompress));
        Assert.Equal(File.ReadAllText(EmulatorFixture.SamplePath("profiles.csv")).ReplaceLineEndings("\r\n").TrimEnd(), text.ReadToEnd().TrimEnd());
    }
}
