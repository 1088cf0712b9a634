using System.Globalization;
using ActitoPS.Core.Http;
using ActitoPS.Core.MassImports;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

/// <summary>Get-ActitoEtlExecution, Save-ActitoEtlOutput and Get-ActitoEtlError against executions the emulator really ran.</summary>
public sealed class EtlExecutionQueryEndToEndTests : EtlEndToEndTest, IClassFixture<EmulatorFixture>
{
    public EtlExecutionQueryEndToEndTests(EmulatorFixture emulator) : base(emulator)
    {
    }

    private EtlExecutionQuery Query(RecordingHost host) => new(Connect(), host, CancellationToken.None);

    /// <summary>
    /// Profile 1 holds one@example.com; rows 1 and 2 load (an update and a creation) and row 3 fails: its customerId
    /// is profile 2's and its email profile 1's, which only Actito can tell.
    /// </summary>
    private EtlExecution FinishedWithAnError(bool resultFile)
    {
        SeedProfiles(Csv(("customerId", "1"), ("emailAddress", "one@example.com")));
        return Single(Import(
        [
            Row(("customerId", 1), ("emailAddress", "one@example.com"), ("lastName", "Updated")),
            Row(("customerId", 2), ("emailAddress", "two@example.com"), ("lastName", "Created")),
            Row(("customerId", 2), ("emailAddress", "one@example.com"), ("lastName", "Conflict, \"quoted\"")),
        ], setup: o =>
        {
            o.ResultFile = resultFile;
            o.Wait = true;
        }));
    }

    private string FileNamed(long id, string ending) => Assert.Single(Ended(id).OutputFiles, f => f.EndsWith(ending, StringComparison.Ordinal));

    [Fact]
    public void Save_writes_the_error_and_result_files_into_the_folder()
    {
        var execution = FinishedWithAnError(resultFile: true);
        var folder = Path.Combine(Work, "outputs", "new");
        var host = new RecordingHost();

        Query(host).Save(execution.Id, execution, folder, null, force: false);

        var saved = host.Output.Cast<FileInfo>().ToList();
        var errors = Path.Combine(folder, FileNamed(execution.Id, "errors.csv"));
        var results = Path.Combine(folder, FileNamed(execution.Id, "results.csv"));
        Assert.Equal(new[] { errors, results }.Order(), saved.Select(f => f.FullName).Order());
        Assert.All(saved, f => Assert.True(f.Exists));
        Assert.Equal(new[] { errors, results }.Order(), Directory.GetFiles(folder).Order());

        var errorLines = EmulatorFixture.ImportCsv(errors);
        var line = Assert.Single(errorLines);
        Assert.Equal("4", line[0]);
        Assert.Equal("2", line["customerId"]);
        Assert.Equal("UNIQUE_KEY_CONFLICT", line[1]);
        Assert.Equal("Conflict, \"quoted\"", line["lastName"]);
        var resultLines = EmulatorFixture.ImportCsv(results);
        Assert.Equal([("2", "UPDATED", "1"), ("3", "INSERTED", "2")], resultLines.Select(r => ((string)r[0]!, (string)r[1]!, (string)r["customerId"]!)));
        Assert.Empty(host.Errors);
    }

    [Fact]
    public void Save_of_one_kind_writes_only_that_file()
    {
        var execution = FinishedWithAnError(resultFile: true);
        var host = new RecordingHost();

        Query(host).Save(execution.Id, null, Work, ["result"], force: false);

        var saved = Assert.IsType<FileInfo>(Assert.Single(host.Output));
        Assert.Equal(FileNamed(execution.Id, "results.csv"), saved.Name);
        Assert.Single(Directory.GetFiles(Work));
    }

    [Fact]
    public void A_file_already_there_is_an_error_without_force_and_replaced_with_it()
    {
        var execution = FinishedWithAnError(resultFile: true);
        var errors = Path.Combine(Work, FileNamed(execution.Id, "errors.csv"));
        var results = Path.Combine(Work, FileNamed(execution.Id, "results.csv"));
        File.WriteAllText(errors, "mine");
        var host = new RecordingHost();

        Query(host).Save(execution.Id, execution, Work, null, force: false);

        var error = Assert.Single(host.Errors);
        Assert.Equal("ActitoOutputFileExists", error.ErrorId);
        Assert.Contains(errors, error.Exception.Message);
        Assert.Equal("ERROR", Assert.IsType<EtlOutputFile>(error.TargetObject).Kind);
        Assert.Equal("mine", File.ReadAllText(errors));
        // The other file is still saved.
        Assert.Equal(results, Assert.IsType<FileInfo>(Assert.Single(host.Output)).FullName);

        var forced = new RecordingHost();
        Query(forced).Save(execution.Id, execution, Work, null, force: true);

        Assert.Empty(forced.Errors);
        Assert.Equal(2, forced.Output.Count);
        Assert.StartsWith("lineNumber,", File.ReadAllText(errors));
        Assert.Equal(new[] { errors, results }.Order(), Directory.GetFiles(Work).Order());
    }

    [Fact]
    public void Save_answered_no_writes_nothing()
    {
        var execution = FinishedWithAnError(resultFile: false);
        var host = new RecordingHost { WhatIf = true };

        Query(host).Save(execution.Id, execution, Work, null, force: false);

        Assert.Single(host.ShouldProcessTargets);
        Assert.Empty(host.Output);
        Assert.Empty(Directory.GetFiles(Work));
    }

    [Fact]
    public void Save_of_an_execution_without_output_files_writes_nothing()
    {
        var execution = Single(Import([Row(("customerId", 1))], setup: o => o.Wait = true));
        var folder = Path.Combine(Work, "never");
        var host = new RecordingHost();

        Query(host).Save(execution.Id, execution, folder, null, force: false);

        Assert.Empty(host.Output);
        Assert.Empty(host.Errors);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Errors_are_the_error_files_lines_each_mapped_back_to_its_input_row()
    {
        SeedProfiles(Csv(("customerId", "1")), Csv(("customerId", "2")));
        var execution = Single(Import(
        [
            Row(("customerId", 1), ("lastName", "One")),
            Row(("customerId", 77), ("lastName", "Ghost, \"A\"")),
            Row(("customerId", 2), ("lastName", "Two")),
            Row(("customerId", 88), ("lastName", "Ghost\r\nB")),
        ], EtlMode.UpdateOnly, setup: o => o.Wait = true));
        var host = new RecordingHost();

        Query(host).Errors(execution.Id, execution);

        var rows = host.Output.Cast<EtlErrorRow>().ToList();
        Assert.Equal([2L, 4L], rows.Select(r => r.Row));
        Assert.Equal([3L, 5L], rows.Select(r => r.Line));
        Assert.Equal(["77", "88"], rows.Select(r => (string)r.Values["customerId"]!));
        Assert.Equal(["Ghost, \"A\"", "Ghost\r\nB"], rows.Select(r => (string)r.Values["lastName"]!));
        Assert.All(rows, r => Assert.Equal((execution.Id, "PROFILE_NOT_FOUND"), (r.ExecutionId, r.ErrorCode)));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.Message)));
    }

    [Fact]
    public void Errors_of_a_later_part_name_the_rows_of_the_whole_input()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 0 });
        // More compressed bytes than a part can lag behind its limit (EtlFileWriter.MaxBufferedBytes): at least two parts, however the compressor thread is scheduled.
        const int count = 10_000;
        SeedProfiles(Csv(("customerId", "5")), Csv(("customerId", count.ToString(CultureInfo.InvariantCulture))));
        var random = new Random(3);
        var names = Enumerable.Range(1, count).Select(_ => Convert.ToBase64String(Enumerable.Range(0, 60).Select(_ => (byte)random.Next(256)).ToArray())).ToList();

        var executions = Import(Enumerable.Range(1, count).Select(i => (object?)Row(("customerId", i), ("lastName", names[i - 1]))), EtlMode.CreateOnly, setup: o =>
        {
            o.MaxPartBytes = 4 * 1024;
            o.Wait = true;
        }).Output.Cast<EtlExecution>().OrderBy(e => e.Part).ToList();
        Assert.True(executions.Count >= 2, $"{executions.Count} execution(s)");
        var last = executions[^1];
        Assert.True(last.FirstRow > 1);

        var host = new RecordingHost();
        var query = Query(host);
        query.Errors(executions[0].Id, executions[0]);
        query.Errors(last.Id, last);

        var rows = host.Output.Cast<EtlErrorRow>().ToList();
        Assert.Equal([5L, count], rows.Select(r => r.Row));
        Assert.Equal(["5", count.ToString(CultureInfo.InvariantCulture)], rows.Select(r => (string)r.Values["customerId"]!));
        Assert.Equal([names[4], names[count - 1]], rows.Select(r => (string)r.Values["lastName"]!));
        Assert.Equal(count - last.FirstRow + 2, rows[1].Line);
        Assert.All(rows, r => Assert.Equal("PROFILE_ALREADY_EXISTS", r.ErrorCode));
    }

    [Fact]
    public void Errors_of_an_execution_without_lines_in_error_write_nothing()
    {
        var execution = Single(Import([Row(("customerId", 1))], setup: o => o.Wait = true));
        var host = new RecordingHost();

        Query(host).Errors(execution.Id, null);

        Assert.Empty(host.Output);
        Assert.Empty(host.Errors);
        Assert.Empty(host.Warnings);
    }

    [Fact]
    public void Get_reads_the_execution_again_and_keeps_what_this_session_sent()
    {
        var execution = Single(Import([Row(("customerId", 1)), Row(("customerId", 2))]));
        Ended(execution.Id);
        var host = new RecordingHost();

        Query(host).Get(execution.Id, execution);
        Query(host).Get(execution.Id, null);

        var again = host.Output.Cast<EtlExecution>().ToList();
        Assert.Equal(2, again.Count);
        Assert.All(again, e => Assert.Equal(("FINISHED", 2L, Table), (e.Status, e.Results!.Inserted, e.Table)));
        Assert.Equal((2L, execution.File), (again[0].Rows, again[0].File));
        Assert.Equal((null, null), (again[1].Rows, again[1].File));
    }

    [Fact]
    public void An_unknown_execution_is_a_not_found_error_naming_it_and_the_next_is_still_read()
    {
        var execution = Single(Import([Row(("customerId", 1))], setup: o => o.Wait = true));
        var host = new RecordingHost();
        var query = Query(host);

        query.Get(424_242, null);
        query.Errors(424_242, null);
        query.Save(424_242, null, Work, null, force: false);
        query.Get(execution.Id, null);

        Assert.Equal(3, host.Errors.Count);
        Assert.All(host.Errors, e => Assert.Equal(("ActitoNotFound", (object)424_242L), (e.ErrorId, e.TargetObject!)));
        Assert.All(host.Errors, e => Assert.Contains("424242", e.Exception.Message));
        Assert.All(host.Errors, e => Assert.Contains(EmulatorFixture.Entity, e.Exception.Message));
        Assert.Equal(404, Assert.IsType<ActitoApiException>(host.Errors[0].Exception).StatusCode);
        Assert.Equal(execution.Id, Single(host).Id);
    }
}
