using System.Management.Automation;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// What an execution leaves, as a user reads it: Save-ActitoEtlOutput's files, Get-ActitoEtlExecution by id or pipeline,
/// the format views at 120 columns, Wait-ActitoEtl's progress, Start-ActitoEtl's syntax and completion.
/// </summary>
public sealed class EtlOutputCmdletTests(EmulatorFixture emulator) : EtlInEngineTest(emulator)
{
    private IReadOnlyList<string> Shown => [.. Session.UI.Lines.Where(l => l.Trim().Length > 0)];

    /// <summary>
    /// Profiles 75001 and 75002 exist; $e is a CreateOnly execution (with -ResultFile) of 75001, 75002 and 75003:
    /// two lines in error (lines 2 and 3), one inserted. Returns its id.
    /// </summary>
    private long ExecutionWithBothFiles()
    {
        SetRows("seed", Obj(("customerId", "75001"), ("lastName", "Seed")), Obj(("customerId", "75002"), ("lastName", "Seed")));
        Session.Run("$seed | Start-ActitoEtl -Table MyWebsiteProfiles -Wait | Out-Null").AssertClean();
        SetRows("rows",
            Obj(("customerId", "75001"), ("lastName", "Again, \"1\"")),
            Obj(("customerId", "75002"), ("lastName", "Again")),
            Obj(("customerId", "75003"), ("lastName", "New")));
        var result = Session.Run("$e = $rows | Start-ActitoEtl -Table MyWebsiteProfiles -Mode CreateOnly -ResultFile -Wait; $e.Id");
        Assert.Empty(result.Errors);
        Assert.Single(result.Warnings);
        Emulator.Admin.ClearRequestLog();
        Session.UI.Clear();
        return (long)result.Output.Single().BaseObject;
    }

    private static string ErrorFile(long id) => $"etl-execution-{id}-errors.csv";

    private static string ResultFile(long id) => $"etl-execution-{id}-results.csv";

    [Fact]
    public void Save_ActitoEtlOutput_saves_the_error_and_result_files_into_a_new_folder_and_returns_them()
    {
        ConnectFast();
        var id = ExecutionWithBothFiles();
        var folder = Path.Combine(Work, "new", "folder");

        var result = Session.Run($"$e | Save-ActitoEtlOutput -Path {Q(folder)}").AssertClean();

        var files = result.OutputOf<FileInfo>().ToList();
        Assert.Equal(2, result.Output.Count);
        Assert.Equal([Path.Combine(folder, ErrorFile(id)), Path.Combine(folder, ResultFile(id))], files.Select(f => f.FullName).Order().ToList());
        Assert.All(files, f => Assert.True(f.Exists && f.Length > 0, f.FullName));
        var errors = File.ReadAllLines(Path.Combine(folder, ErrorFile(id)));
        Assert.Equal("lineNumber,errorCode,errorMessage,customerId,lastName", errors[0]);
        Assert.StartsWith("2,PROFILE_ALREADY_EXISTS,", errors[1]);
        Assert.EndsWith(",75001,\"Again, \"\"1\"\"\"", errors[1]);
        Assert.StartsWith("3,PROFILE_ALREADY_EXISTS,", errors[2]);
        Assert.Equal(3, errors.Length);
        var results = File.ReadAllLines(Path.Combine(folder, ResultFile(id)));
        Assert.Equal("lineNumber,result,profileId,customerId,lastName", results[0]);
        Assert.Matches(@"^4,INSERTED,\d+,75003,New$", results[1]);
        Assert.Equal(2, results.Length);
    }

    [Fact]
    public void Save_ActitoEtlOutput_Kind_Error_saves_the_error_file_only_by_id_into_the_current_location()
    {
        ConnectFast();
        var id = ExecutionWithBothFiles();

        var result = Session.Run($"Set-Location {Q(Work)}; Save-ActitoEtlOutput -Id {id} -Kind Error").AssertClean();

        Assert.Equal(Path.Combine(Work, ErrorFile(id)), Assert.Single(result.OutputOf<FileInfo>()).FullName);
        Assert.Equal([ErrorFile(id)], Directory.GetFiles(Work).Select(Path.GetFileName).ToList());
    }

    [Fact]
    public void Save_ActitoEtlOutput_leaves_an_existing_file_alone_without_Force_and_replaces_it_with_Force()
    {
        ConnectFast();
        var id = ExecutionWithBothFiles();
        var existing = Path.Combine(Work, ErrorFile(id));
        File.WriteAllText(existing, "mine");

        var refused = Session.Run($"Save-ActitoEtlOutput -Id {id} -Path {Q(Work)}");

        var error = Assert.Single(refused.Errors);
        Assert.Equal("ActitoOutputFileExists,ActitoPS.MassImports.SaveActitoEtlOutputCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains(existing, error.Exception.Message);
        Assert.Contains("-Force", error.Exception.Message);
        Assert.Equal("mine", File.ReadAllText(existing));
        // The other file is still saved.
        Assert.Equal(Path.Combine(Work, ResultFile(id)), Assert.Single(refused.OutputOf<FileInfo>()).FullName);

        var forced = Session.Run($"Save-ActitoEtlOutput -Id {id} -Path {Q(Work)} -Force").AssertClean();

        Assert.Equal(2, forced.OutputOf<FileInfo>().Count());
        Assert.StartsWith("lineNumber,errorCode,errorMessage,", File.ReadAllText(existing));
    }

    [Fact]
    public void Save_ActitoEtlOutput_WhatIf_writes_nothing()
    {
        ConnectFast();
        var id = ExecutionWithBothFiles();
        var folder = Path.Combine(Work, "whatif");

        var result = Session.Run($"$e | Save-ActitoEtlOutput -Path {Q(folder)} -WhatIf").AssertClean();

        Assert.Empty(result.Output);
        Assert.Equal(2, Session.UI.Lines.Count(l => l.StartsWith("What if:", StringComparison.Ordinal) && l.Contains($"execution {id}")));
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(), "-WhatIf wrote a file.");
        Assert.DoesNotContain(Emulator.Admin.GetRequestLog(), e => e.Path.Contains("/output-files/"));
    }

    [Fact]
    public void Get_ActitoEtlExecution_reads_by_Id_by_pipeline_ids_and_by_objects_with_an_Id_or_ExecutionId()
    {
        ConnectFast();
        var id = ExecutionWithBothFiles();
        var script = $$"""
            Get-ActitoEtlExecution -Id {{id}}
            {{id}} | Get-ActitoEtlExecution
            [pscustomobject]@{ Id = {{id}} } | Get-ActitoEtlExecution
            [pscustomobject]@{ ExecutionId = '{{id}}' } | Get-ActitoEtlExecution
            """;

        var result = Session.Run(script).AssertClean();

        Assert.Equal(4, result.Output.Count);
        Assert.All(result.Output, e =>
        {
            Assert.Equal(id, Prop(e, "Id"));
            Assert.Equal("FINISHED", Prop(e, "Status"));
            Assert.Equal("CREATE_ONLY", Prop(e, "Mode"));
            Assert.Equal("MyWebsiteProfiles", Prop(e, "Table"));
            Assert.Equal(3L, Prop(e, "LinesRead"));
            Assert.Equal(2L, Prop(e, "LinesInError"));
            Assert.Equal(1L, Prop(e, "Inserted"));
        });
        Assert.Equal(4, Emulator.Admin.GetRequestLog().Count(e => e.Method == "GET" && e.Path.EndsWith($"/etl-executions/{id}", StringComparison.Ordinal)));
    }

    [Fact]
    public void Get_ActitoEtlExecution_from_Start_ActitoEtls_object_keeps_what_was_sent_and_an_unknown_id_is_an_error_of_its_own()
    {
        ConnectFast();
        var id = ExecutionWithBothFiles();

        var result = Session.Run($"$e | Get-ActitoEtlExecution; 999999, {id} | Get-ActitoEtlExecution");

        Assert.Equal(2, result.Output.Count);
        Assert.Equal(3L, Prop(result.Output[0], "Rows"));
        Assert.Null(Prop(result.Output[1], "Rows"));
        Assert.Equal(id, Prop(result.Output[1], "Id"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoNotFound,ActitoPS.MassImports.GetActitoEtlExecutionCommand", error.FullyQualifiedErrorId);
        Assert.Contains("no execution 999999", error.Exception.Message);
        Assert.Equal(999999L, error.TargetObject);
    }

    [Fact]
    public void An_execution_shows_as_the_execution_table_view_at_120_columns()
    {
        ConnectFast();
        var id = ExecutionWithBothFiles();

        Session.Render("$e").AssertClean();

        var lines = Shown;
        Assert.Equal(3, lines.Count);
        Assert.Matches(@"^\s*Id\s+Table\s+Mode\s+Status\s+Rows\s+Read\s+InError\s+Inserted\s+Updated\s+Deleted\s+Error\s*$", lines[0]);
        Assert.Matches(@"^\s*-+\s+-+\s+-+\s+-+\s+-+\s+-+\s+-+\s+-+\s+-+\s+-+\s+-+\s*$", lines[1]);
        Assert.Matches($@"^\s*{id}\s+MyWebsiteProfiles\s+CREATE_ONLY\s+FINISHED\s+3\s+3\s+2\s+1\s+0\s+0\s*$", lines[2]);
        Assert.All(Session.UI.Lines, l => Assert.True(l.Length <= 120, $"Wider than 120: '{l}'"));
    }

    [Fact]
    public void A_FAILED_execution_shows_its_reason_in_the_Error_column()
    {
        ConnectFast();
        var id = StartFailingExecution();
        Session.UI.Clear();

        Session.Render($"Get-ActitoEtlExecution -Id {id}").AssertClean();

        var lines = Shown;
        Assert.Matches($@"^\s*{id}\s+MyWebsiteProfiles\s+CREATE_OR_UPDATE\s+FAILED\s+.*\S", lines[2]);
        Assert.All(Session.UI.Lines, l => Assert.True(l.Length <= 120, $"Wider than 120: '{l}'"));
    }

    [Fact]
    public void Error_rows_show_as_the_error_row_table_view_at_120_columns()
    {
        ConnectFast();
        var id = ExecutionWithBothFiles();

        Session.Render("$e | Get-ActitoEtlError").AssertClean();

        var lines = Shown;
        Assert.Equal(4, lines.Count);
        Assert.Matches(@"^\s*ExecutionId\s+Row\s+Line\s+ErrorCode\s+Message\s*$", lines[0]);
        Assert.Matches(@"^\s*-+\s+-+\s+-+\s+-+\s+-+\s*$", lines[1]);
        Assert.Matches($@"^\s*{id}\s+1\s+2\s+PROFILE_ALREADY_EXISTS\s+\S", lines[2]);
        Assert.Matches($@"^\s*{id}\s+2\s+3\s+PROFILE_ALREADY_EXISTS\s+\S", lines[3]);
        Assert.All(Session.UI.Lines, l => Assert.True(l.Length <= 120, $"Wider than 120: '{l}'"));
    }

    [Fact]
    public void An_OutFile_shows_as_the_file_table_view()
    {
        ConnectFast();
        var outFile = Path.Combine(Work, "out.csv.gz");

        Session.Render($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile {Q(outFile)}").AssertClean();

        var lines = Shown;
        Assert.Matches(@"^\s*Part\s+Rows\s+Bytes\s+Path\s*$", lines[0]);
        Assert.Matches($@"^\s*1\s+{File.ReadAllLines(EmulatorFixture.SamplePath("profiles.csv")).Length - 1}\s+\d+\s+{System.Text.RegularExpressions.Regex.Escape(outFile)}\s*$", lines[2]);
    }

    [Fact]
    public void Waiting_shows_progress_for_each_execution_and_completes_it()
    {
        ConnectFast();
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 1500 });
        var id = (long)Prop(Assert.Single(Session.Run($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles").AssertClean().Output), "Id")!;

        var result = Session.Run($"Wait-ActitoEtl -Id {id}").AssertClean();

        Assert.Equal("FINISHED", Prop(Assert.Single(result.Output), "Status"));
        var progress = result.Progress;
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal($"Wait-ActitoEtl: execution {id}", p.Activity));
        var processing = progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(processing);
        Assert.All(processing, p => Assert.Matches(@"^IN_PROGRESS for \d+ s$", p.StatusDescription));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.Single(progress, p => p.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public void Start_ActitoEtl_Wait_shows_progress_named_by_the_table_and_completes_it()
    {
        ConnectFast();
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 1500 });

        var result = Session.Run($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles -Wait").AssertClean();

        var id = Prop(Assert.Single(result.Output), "Id");
        var progress = result.Progress.Where(p => p.Activity.StartsWith("Wait-ActitoEtl", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal($"Wait-ActitoEtl: execution {id} into MyWebsiteProfiles", p.Activity));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.All(result.Progress.GroupBy(p => p.ActivityId), bar => Assert.Equal(ProgressRecordType.Completed, bar.Last().RecordType));
    }

    [Fact]
    public void Get_Command_Syntax_shows_the_seven_parameter_sets_of_Start_ActitoEtl()
    {
        var sets = Session.Run("Get-Command Start-ActitoEtl -Syntax").AssertClean().Output.Single().ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(7, sets.Length);
        Assert.Contains(sets, s => s.StartsWith("Start-ActitoEtl [-Table] <string> -InputObject <psobject> ", StringComparison.Ordinal));
        Assert.Contains(sets, s => s.StartsWith("Start-ActitoEtl [-Table] <string> -Path <string[]> ", StringComparison.Ordinal));
        Assert.Contains(sets, s => s.StartsWith("Start-ActitoEtl -CustomTable <string> -InputObject <psobject> ", StringComparison.Ordinal));
        Assert.Contains(sets, s => s.StartsWith("Start-ActitoEtl -CustomTable <string> -Path <string[]> ", StringComparison.Ordinal));
        Assert.Contains(sets, s => s.StartsWith("Start-ActitoEtl -EtlId <string> -InputObject <psobject> ", StringComparison.Ordinal));
        Assert.Contains(sets, s => s.StartsWith("Start-ActitoEtl -EtlId <string> -Path <string[]> ", StringComparison.Ordinal));
        Assert.Contains(sets, s => s.StartsWith("Start-ActitoEtl -EtlId <string> -File <hashtable> ", StringComparison.Ordinal));
        // A TRIGGERED ETL's definition fixes the mode and mapping: only the table forms take them.
        Assert.All(sets.Where(s => !s.Contains("-EtlId")), s => Assert.Contains("[-Mode <EtlMode>] [-Mapping <hashtable>]", s));
        Assert.All(sets.Where(s => s.Contains("-EtlId")), s => Assert.DoesNotContain("-Mode", s));
        Assert.All(sets, s => Assert.Contains("[-Wait] [-Timeout <int>] [-Force] [-Connection <ActitoConnection>] [-WhatIf] [-Confirm]", s));
        Assert.All(sets.Where(s => s.Contains("-InputObject")), s => Assert.Contains("[-Property <string[]>] [-ExcludeProperty <string[]>]", s));
        Assert.All(sets.Where(s => s.Contains("-Path")), s => Assert.DoesNotContain("-Property", s));
    }

    private IReadOnlyList<string> Complete(string line) =>
        [.. Session.Run($"(TabExpansion2 -inputScript {Q(line)} -cursorColumn {line.Length}).CompletionMatches.CompletionText")
            .AssertClean().Text];

    [Fact]
    public void Table_and_CustomTable_complete_from_the_current_connection()
    {
        ConnectFast();

        Assert.Equal(["MyWebsiteProfiles"], Complete("Start-ActitoEtl -Table My"));
        Assert.Equal(["MyWebsiteProfiles"], Complete("Start-ActitoEtl -Table "));
        Assert.Empty(Complete("Start-ActitoEtl -Table Zz"));
        Assert.Equal(["DemoDocTickets"], Complete("Start-ActitoEtl -CustomTable Demo"));
        Assert.Equal(["DemoDocTickets"], Complete("Start-ActitoEtl -CustomTable "));
        Assert.Empty(Complete("Start-ActitoEtl -CustomTable My"));
    }
}
