using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
using ActitoPS.Core.Profiles;
using ActitoPS.Core.Records;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;
using Xunit.Abstractions;

namespace ActitoPS.Tests.EndToEnd;

/// <summary>
/// 2,000 upserts through Set-ActitoProfile's engine while the emulator injects 15% faults of every kind it
/// has and tokens expire every 20 s: nothing lost, nothing created twice, every failure carrying its row.
/// </summary>
public sealed class SoakTests(EmulatorFixture emulator, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    private const int RowCount = 2000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>One row in ten has no unique key: Actito creates it anew each time it is sent, so it must never be sent twice.</summary>
    private static List<OrderedDictionary> Rows() =>
        [.. Enumerable.Range(1, RowCount).Select(i => i % 10 == 0
            ? new OrderedDictionary { ["firstName"] = "Keyless" + i.ToString(CultureInfo.InvariantCulture), ["lastName"] = "Soak" }
            : new OrderedDictionary
            {
                ["customerId"] = (700000 + i).ToString(CultureInfo.InvariantCulture),
                ["emailAddress"] = $"soak{i}@example.be",
                ["lastName"] = "Soak",
                ["nbChildren"] = (i % 7).ToString(CultureInfo.InvariantCulture),
            })];

    /// <summary>Short waits, so the soak measures the engine's correctness rather than the shipped back-off.</summary>
    private static RetryOptions SoakRetry() => new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(50),
        MaxDelay = TimeSpan.FromSeconds(1),
        AttemptTimeout = TimeSpan.FromMilliseconds(400),
    };

    /// <summary>
    /// The keyed rows are created or updated, the keyless ones only created (an upsert needs a key): two
    /// pipelines, one after the other, whose hosts are merged back into one account of all the rows.
    /// </summary>
    private (List<(OrderedDictionary Row, object Outcome)> Outcomes, TimeSpan Elapsed) Run(List<OrderedDictionary> rows)
    {
        var outcomes = new List<(OrderedDictionary, object)>();
        using var bound = new CancellationTokenSource(Bound);
        var watch = Stopwatch.StartNew();
        foreach (var createOnly in new[] { false, true })
        {
            var batch = rows.Where(r => r.Contains("customerId") != createOnly).ToList();
            var host = new RecordingHost();
            using var connection = emulator.Connect(host, retry: SoakRetry());
            EmulatorFixture.SetProfiles(connection, host, batch, cancellationToken: bound.Token, createOnly: createOnly);
            // Only the one volume warning: the structure was read, so every row was checked.
            Assert.Equal(batch.Count > SetProfileOperation.VolumeWarningRows ? 1 : 0, host.Warnings.Count);
            Assert.All(host.Warnings, w => Assert.StartsWith("More than 1000 rows", w));
            foreach (var result in host.Output.Cast<ProfileUpsertResult>()) outcomes.Add((batch[result.RowNumber - 1], result));
            foreach (var error in host.Errors)
            {
                Assert.Same(batch[((ActitoRecordException)error.Exception).RowNumber - 1], error.TargetObject);
                outcomes.Add(((OrderedDictionary)error.TargetObject!, error));
            }
        }
        watch.Stop();
        Assert.False(bound.IsCancellationRequested, $"The run did not end within {Bound.TotalSeconds} s.");
        return (outcomes, watch.Elapsed);
    }

    [Fact]
    public void Clean_run_for_comparison()
    {
        emulator.Admin.Reset();
        emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0 });
        var rows = Rows();

        var (outcomes, elapsed) = Run(rows);

        Assert.All(outcomes, o => Assert.IsType<ProfileUpsertResult>(o.Outcome));
        Assert.Equal(RowCount, emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table).Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clean: {RowCount} rows in {elapsed.TotalSeconds:0.0} s, {RowCount / elapsed.TotalSeconds:0} rows/s"));
    }

    [Fact]
    public void Under_fifteen_percent_faults_no_row_is_lost_or_created_twice_and_every_failure_carries_its_row()
    {
        emulator.Admin.Reset();
        emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0, TokenLifetimeSeconds = 20 });
        foreach (var fault in FaultPresets.Mixed(rate: 0.15, stallMs: 700)) emulator.Admin.AddFault(fault);
        var rows = Rows();

        var (outcomes, elapsed) = Run(rows);
        WaitForEmulatorToFinish();

        var log = emulator.Admin.GetRequestLog();
        var profiles = emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table);
        var byCustomer = profiles.Where(p => p.Attributes.ContainsKey("customerId")).GroupBy(p => p.Attributes["customerId"]).ToDictionary(g => g.Key!, g => g.ToList());
        var byFirstName = profiles.Where(p => p.Attributes.ContainsKey("firstName")).GroupBy(p => p.Attributes["firstName"]).ToDictionary(g => g.Key!, g => g.ToList());
        List<ProfileSnapshot> Held(OrderedDictionary row) =>
            row.Contains("customerId") ? byCustomer.GetValueOrDefault((string)row["customerId"]!, []) : byFirstName.GetValueOrDefault((string)row["firstName"]!, []);

        // Every row is accounted for once: a result, or an error that carries the row itself.
        Assert.Equal(RowCount, outcomes.Count);
        Assert.Equal(RowCount, outcomes.Select(o => o.Row).Distinct().Count());
        var written = outcomes.Where(o => o.Outcome is ProfileUpsertResult).ToList();
        var failed = outcomes.Where(o => o.Outcome is ActitoError).Select(o => (o.Row, Error: (ActitoError)o.Outcome)).ToList();

        foreach (var (row, outcome) in outcomes)
        {
            var held = Held(row);
            Assert.True(held.Count <= 1, $"{Describe(row)} was created {held.Count} times.");
            if (outcome is ProfileUpsertResult)
            {
                var profile = Assert.Single(held);
                foreach (System.Collections.DictionaryEntry cell in row) Assert.Equal(cell.Value, profile.Attributes[(string)cell.Key]);
            }
            else if (!((ActitoRecordException)((ActitoError)outcome).Exception).MayHaveBeenApplied)
            {
                // An error that does not say the row may have been applied is a promise that it was not.
                Assert.True(held.Count == 0, $"{Describe(row)} failed without 'may have been applied', yet Actito holds it: {((ActitoError)outcome).Exception.Message}");
            }
        }

        var faults = log.Where(e => e.Fault != null).ToList();
        var faultShare = (double)faults.Count / log.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"faults: {RowCount} rows in {elapsed.TotalSeconds:0.0} s, {RowCount / elapsed.TotalSeconds:0} rows/s; {written.Count} written, {failed.Count} reported " +
            $"({failed.Count(f => ((ActitoRecordException)f.Error.Exception).MayHaveBeenApplied)} may have been applied); {log.Count} requests, {faults.Count} faulted ({faultShare:P1}), " +
            $"{log.Count(e => e.Path == "/auth/token" && e.Status == 200)} tokens issued; profiles held {profiles.Count}"));
        foreach (var kind in faults.GroupBy(f => f.Fault!).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind.Count(),4}  {kind.Key}"));
        foreach (var (_, error) in failed) output.WriteLine("  reported: " + error.Exception.Message);
        Assert.InRange(faultShare, 0.10, 0.25);
        Assert.All(FaultKindsSeen(faults), seen => Assert.True(seen.Value > 0, $"No '{seen.Key}' fault was injected."));
    }

    private static string Describe(OrderedDictionary row) => row.Contains("customerId") ? $"customerId {row["customerId"]}" : $"{row["firstName"]}";

    private static Dictionary<string, int> FaultKindsSeen(IEnumerable<RequestLogEntry> faults)
    {
        string[] kinds = ["status 429, Retry-After: 1", "status 429 (", "status 503 (", "drop (", "drop after apply", "status 503 after apply", "latency", "expireToken"];
        return kinds.ToDictionary(k => k, k => faults.Count(f => f.Fault!.StartsWith(k, StringComparison.Ordinal)));
    }

    private void WaitForEmulatorToFinish()
    {
        // A stalled request the client gave up on is still applied by the server after its delay.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (emulator.Admin.InFlightRequests > 0 && DateTime.UtcNow < until) Thread.Sleep(50);
        Thread.Sleep(100);
    }
}
