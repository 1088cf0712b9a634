using System.Collections.Specialized;
using ActitoPS.Core.Http;
using ActitoPS.Core.MassImports;
using ActitoPS.Core.Records;
using ActitoPS.Core.Time;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

/// <summary>A file written by the import-file writer, uploaded as a one-shot execution, waited for, and loaded by the emulator.</summary>
public sealed class MassImportEndToEndTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _emulator;
    private readonly string _spool = Path.Combine(Path.GetTempPath(), "actitops-tests", Guid.NewGuid().ToString("N"));

    public MassImportEndToEndTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Admin.Reset();
        _emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0, EtlDurationMs = 0 });
    }

    public void Dispose()
    {
        if (Directory.Exists(_spool)) Directory.Delete(_spool, recursive: true);
    }

    private string SampleFile()
    {
        using var writer = new EtlFileWriter(new EtlFileOptions { SpoolDirectory = _spool, BaseName = "MyWebsiteProfiles" });
        var row = 0;
        foreach (var line in EmulatorFixture.ImportCsv(EmulatorFixture.SamplePath("profiles.csv")))
        {
            var record = new ActitoRecord();
            foreach (System.Collections.DictionaryEntry cell in line) record.Add((string)cell.Key, cell.Value);
            writer.Add(record, ++row);
        }
        return Assert.Single(writer.Complete()).Path;
    }

    private static OneShotEtlDefinition Definition(string file)
    {
        using var text = new StreamReader(EtlFileReader.OpenCsv(file));
        var header = text.ReadLine()!.Split(',');
        return new OneShotEtlDefinition(EtlDestinationType.ProfileTable, "1", [.. header.Select(h => new KeyValuePair<string, string>(h, h))]);
    }

    [Fact]
    public async Task The_sample_file_is_uploaded_as_a_one_shot_execution_and_every_profile_arrives()
    {
        var file = SampleFile();
        using var connection = _emulator.Connect(new RecordingHost());
        var api = new MassImportApi(connection);

        var id = await api.StartOneShotAsync(Definition(file), file, CancellationToken.None);
        var finished = await EtlWaiter.WaitAsync(ct => api.GetAsync(id, ct), SystemClock.Instance, TimeSpan.FromSeconds(30), null, CancellationToken.None);

        var rows = EmulatorFixture.ImportCsv(EmulatorFixture.SamplePath("profiles.csv"));
        Assert.Equal("FINISHED", finished.Status);
        Assert.Equal((rows.Count, 0L, rows.Count), (finished.Results!.Read, finished.Results.InError, finished.Results.Inserted));
        var profiles = _emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table);
        Assert.Equal(rows.Count, profiles.Count);
        Assert.Contains(profiles, p => p.Attributes.GetValueOrDefault("firstName") == "Hélène" && p.Attributes.GetValueOrDefault("addressLocality") == "Liège");
    }

    [Fact]
    public async Task A_refused_upload_is_sent_again_from_the_file_not_from_memory()
    {
        var file = SampleFile();
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 429, RetryAfter = "0", Method = "POST", PathContains = "/etl-executions", Count = 1 });
        using var connection = _emulator.Connect(new RecordingHost());

        var id = await new MassImportApi(connection).StartOneShotAsync(Definition(file), file, CancellationToken.None);

        var posts = _emulator.Admin.GetRequestLog().Where(e => e.Method == "POST" && e.Path.EndsWith("/etl-executions", StringComparison.Ordinal)).ToList();
        Assert.Equal([429, 201], posts.Select(p => p.Status));
        Assert.Equal(id, Assert.Single(_emulator.Admin.GetEtlExecutions()).Id);
    }

    [Fact]
    public async Task An_upload_dropped_after_it_left_is_not_sent_twice_and_says_its_outcome_is_unknown()
    {
        var file = SampleFile();
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, AfterApply = true, Method = "POST", PathContains = "/etl-executions", Count = 1 });
        using var connection = _emulator.Connect(new RecordingHost());

        var error = await Assert.ThrowsAsync<ActitoApiException>(() => new MassImportApi(connection).StartOneShotAsync(Definition(file), file, CancellationToken.None));

        Assert.True(error.OutcomeUnknown);
        Assert.Single(_emulator.Admin.GetRequestLog(), e => e.Method == "POST" && e.Path.EndsWith("/etl-executions", StringComparison.Ordinal));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task When_the_tables_daily_imports_are_spent_the_error_says_when_they_reset_and_keeps_the_file()
    {
        _emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        var file = SampleFile();
        using var connection = _emulator.Connect(new RecordingHost());
        var api = new MassImportApi(connection);
        await api.StartOneShotAsync(Definition(file), file, CancellationToken.None);

        var spent = await Assert.ThrowsAsync<ActitoImportQuotaException>(() => api.StartOneShotAsync(Definition(file), file, CancellationToken.None));

        Assert.Equal(file, spent.SpoolFile);
        Assert.True(File.Exists(file));
        Assert.NotNull(spent.ResetsAt);
        Assert.Contains("the quota resets at", spent.Message);
        Assert.Contains(file, spent.Message);
        // Not retried: a quota 429 waits until midnight, not seconds.
        Assert.Equal(2, _emulator.Admin.GetRequestLog().Count(e => e.Method == "POST" && e.Path.EndsWith("/etl-executions", StringComparison.Ordinal)));
    }
}

public class EtlWaiterTests
{
    private static EtlExecution State(string status) => new(7, status, "CREATE_OR_UPDATE", null, null, null, null, null);

    [Fact]
    public async Task It_polls_soon_then_less_often_until_the_execution_is_done()
    {
        var states = new Queue<string>(["IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "FINISHED"]);
        var clock = new FakeClock();

        var done = await EtlWaiter.WaitAsync(_ => Task.FromResult(State(states.Dequeue())), clock, TimeSpan.FromMinutes(10), null, CancellationToken.None);

        Assert.Equal("FINISHED", done.Status);
        Assert.Equal([1, 2, 4, 8], clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task It_never_waits_longer_than_the_cap_and_gives_up_at_the_timeout()
    {
        var clock = new FakeClock();

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            EtlWaiter.WaitAsync(_ => Task.FromResult(State("IN_PROGRESS")), clock, TimeSpan.FromMinutes(3), null, CancellationToken.None));

        Assert.All(clock.Delays, d => Assert.True(d <= EtlWaiter.MaxPoll));
        Assert.Equal(TimeSpan.FromMinutes(3), TimeSpan.FromTicks(clock.Delays.Sum(d => d.Ticks)));
        Assert.Contains("still IN_PROGRESS after 180 s", error.Message);
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_at_once()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            EtlWaiter.WaitAsync(ct => { ct.ThrowIfCancellationRequested(); return Task.FromResult(State("IN_PROGRESS")); }, new FakeClock(), TimeSpan.FromMinutes(1), null, cancel.Token));
    }
}
