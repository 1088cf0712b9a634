using System.Globalization;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;
using Xunit.Abstractions;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// 300 rows through Set-ActitoProfile under 15% faults of every kind, with -Verbose -Debug: nothing lost,
/// nothing created twice, every failure carrying its row, and no secret in anything the run left.
/// </summary>
public sealed class SoakTests(EmulatorFixture emulator, ITestOutputHelper log) : InEngineTest(emulator)
{
    private const int RowCount = 300;

    private const string Script = """
        $rows = 1..300 | ForEach-Object {
            if ($_ % 10 -eq 0) { [pscustomobject]@{ firstName = "Keyless$_"; lastName = 'Soak' } }
            else { [pscustomobject]@{ customerId = "$(600000 + $_)"; emailAddress = "soak$_@example.be"; lastName = 'Soak' } }
        }
        # A row without a unique key can only be created: keyed rows are upserted, keyless ones created.
        $keyed = @($rows | Where-Object customerId)
        $keyless = @($rows | Where-Object { -not $_.customerId })
        $results = @($keyed | Set-ActitoProfile -Table MyWebsiteProfiles -ErrorVariable failedKeyed -ErrorAction SilentlyContinue -Verbose -Debug)
        $created = @($keyless | Set-ActitoProfile -Table MyWebsiteProfiles -CreateOnly -ErrorVariable failedKeyless -ErrorAction SilentlyContinue -Verbose -Debug)
        $results + $created
        # Each row's outcome by its place in $rows: written, or failed with whether its error's target is that very row.
        foreach ($pair in @(@($keyed, $results, $failedKeyed), @($keyless, $created, $failedKeyless))) {
            $batch, $ok, $failed = $pair
            foreach ($r in $ok) { 'written,{0}' -f ([array]::IndexOf($rows, $batch[$r.RowNumber - 1]) + 1) }
            foreach ($e in $failed) {
                $row = $batch[$e.Exception.RowNumber - 1]
                'failed,{0},{1},{2}' -f ([array]::IndexOf($rows, $row) + 1), [object]::ReferenceEquals($e.TargetObject, $row), $e.Exception.MayHaveBeenApplied
            }
        }
        """;

    private static (List<int> Written, Dictionary<int, string[]> Failed) Outcomes(ScriptResult result)
    {
        var lines = result.Output.Where(o => o.BaseObject is string).Select(o => o.ToString().Split(',')).ToList();
        return ([.. lines.Where(l => l[0] == "written").Select(l => int.Parse(l[1], CultureInfo.InvariantCulture))],
                lines.Where(l => l[0] == "failed").ToDictionary(l => int.Parse(l[1], CultureInfo.InvariantCulture), l => l[1..]));
    }

    [Fact]
    public void Clean_run_for_comparison()
    {
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0 });
        Connect("-CallsPerMinute 0");

        var result = Session.Run(Script).AssertClean();

        var (written, failed) = Outcomes(result);
        Assert.Equal(Enumerable.Range(1, RowCount), written.Order());
        Assert.Empty(failed);
        Assert.Equal(RowCount, Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table).Count);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in-engine clean: {RowCount} rows in {result.Elapsed.TotalSeconds:0.0} s, {RowCount / result.Elapsed.TotalSeconds:0.0} rows/s"));
    }

    [Fact]
    public void Three_hundred_rows_under_fifteen_percent_faults_lose_nothing_double_nothing_and_leak_no_secret()
    {
        var started = DateTime.UtcNow;
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0, TokenLifetimeSeconds = 20 });
        // No client-side call budget: the soak measures faults, not the licence's 100 calls a minute.
        Connect("-TimeoutSec 1 -CallsPerMinute 0");
        foreach (var fault in FaultPresets.Mixed(rate: 0.15, stallMs: 1500)) Emulator.Admin.AddFault(fault);

        var result = Session.Run(Script);

        Assert.Null(result.Terminated);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(60), $"The soak took {result.Elapsed.TotalSeconds:0} s.");
        WaitForEmulatorToFinish();
        var (written, failed) = Outcomes(result);
        Assert.Equal(Enumerable.Range(1, RowCount), written.Concat(failed.Keys).Order());
        Assert.All(failed.Values, f => Assert.Equal("True", f[1]));
        Assert.Equal(RowCount, result.Output.Count(o => o.Properties["RowNumber"] != null) + failed.Count);

        var profiles = Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table);
        for (var i = 1; i <= RowCount; i++)
        {
            var held = i % 10 == 0
                ? profiles.Where(p => p.Attributes.GetValueOrDefault("firstName") == $"Keyless{i}").ToList()
                : profiles.Where(p => p.Attributes.GetValueOrDefault("customerId") == (600000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
            Assert.True(held.Count <= 1, $"Row {i} was created {held.Count} times.");
            if (written.Contains(i))
            {
                var profile = Assert.Single(held);
                Assert.Equal("Soak", profile.Attributes["lastName"]);
                if (i % 10 != 0) Assert.Equal($"soak{i}@example.be", profile.Attributes["emailAddress"]);
            }
            else if (failed[i][2] == "False")
            {
                Assert.True(held.Count == 0, $"Row {i} failed without 'may have been applied', yet Actito holds it.");
            }
        }

        var requests = Emulator.Admin.GetRequestLog();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-engine faults: {RowCount} rows in {result.Elapsed.TotalSeconds:0.0} s, {RowCount / result.Elapsed.TotalSeconds:0.0} rows/s; {written.Count} written, " +
            $"{failed.Count} reported; {requests.Count} requests, {requests.Count(e => e.Fault != null)} faulted"));

        var scan = new SecretScan()
            .Add("soak", result, Session.UI)
            .Add("connection Format-List *", string.Join("\n", Session.Run("Get-ActitoConnection | Format-List * | Out-String").AssertClean().Text))
            .AddFilesWrittenSince(ModuleSession.ModuleDirectory, started)
            .AddFilesWrittenSince(Path.GetTempPath(), started, f => f.Contains("actito", StringComparison.OrdinalIgnoreCase));
        Assert.True(scan.Places > RowCount, $"Only {scan.Places} places were searched.");
        Assert.NotEmpty(result.Verbose);
        Assert.NotEmpty(result.Debug.Concat<object>(result.Verbose));
        scan.AssertNoHit(Emulator.Admin.GetIssuedTokens().Append(EmulatorFixture.ApiKey));
    }

    [Fact]
    public void Deletes_and_subscriptions_under_fifteen_percent_faults_each_end_as_reported()
    {
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0, TokenLifetimeSeconds = 20 });
        Connect("-TimeoutSec 1 -CallsPerMinute 0");
        var ids = Session.Run("1..200 | ForEach-Object { [pscustomobject]@{ customerId = \"$(610000 + $_)\" } } | Set-ActitoProfile -Table MyWebsiteProfiles | ForEach-Object ProfileId")
            .AssertClean().Output.Select(o => (long)o.BaseObject).ToList();
        Assert.Equal(200, ids.Count);
        foreach (var fault in FaultPresets.Mixed(rate: 0.15, stallMs: 1500)) Emulator.Admin.AddFault(fault);
        Session.SetVariable("toRemove", ids.Take(100).ToArray());
        Session.SetVariable("toSubscribe", ids.Skip(100).ToArray());

        var result = Session.Run("""
            $removed = @($toRemove | Remove-ActitoProfile -Table MyWebsiteProfiles -Force -ErrorVariable failedRemove -ErrorAction SilentlyContinue)
            $subscribed = @($toSubscribe | Add-ActitoSubscription -Table MyWebsiteProfiles -Subscription Newsletter -DataCollectionSource Soak -DataCollectionWay Test -ErrorVariable failedSubscribe -ErrorAction SilentlyContinue)
            foreach ($r in $removed + $subscribed) { 'done,{0}' -f $r.ProfileId }
            foreach ($e in @($failedRemove) + @($failedSubscribe)) { 'failed,{0},{1}' -f $e.TargetObject, $e.Exception.MayHaveBeenApplied }
            """);

        Assert.Null(result.Terminated);
        WaitForEmulatorToFinish();
        var lines = result.Text.Select(t => t.Split(',')).ToList();
        var done = lines.Where(l => l[0] == "done").Select(l => long.Parse(l[1], CultureInfo.InvariantCulture)).ToList();
        var failed = lines.Where(l => l[0] == "failed").ToDictionary(l => long.Parse(l[1], CultureInfo.InvariantCulture), l => l[2] == "True");
        Assert.Equal(ids.Order(), done.Concat(failed.Keys).Order());

        var held = Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table).ToDictionary(p => p.ProfileId);
        foreach (var id in ids.Take(100))
        {
            if (done.Contains(id)) Assert.False(held.ContainsKey(id), $"Profile {id} was reported deleted but is still held.");
            else if (!failed[id]) Assert.True(held.ContainsKey(id), $"Profile {id} failed without 'may have been applied', yet it is gone.");
        }
        foreach (var id in ids.Skip(100))
        {
            var subscribed = held[id].Subscriptions.GetValueOrDefault("Newsletter");
            if (done.Contains(id)) Assert.True(subscribed, $"Profile {id} was reported subscribed but is not.");
            else if (!failed[id]) Assert.False(subscribed, $"Profile {id} failed without 'may have been applied', yet it is subscribed.");
        }
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-engine deletes and subscriptions under faults: 200 rows in {result.Elapsed.TotalSeconds:0.0} s; {done.Count} done, {failed.Count} reported ({failed.Count(f => f.Value)} may have been applied)"));
    }

    [Fact]
    public void Three_hundred_records_under_fifteen_percent_faults_each_end_stored_as_sent_or_reported_with_their_row()
    {
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0, TokenLifetimeSeconds = 20 });
        Connect("-TimeoutSec 1 -CallsPerMinute 0");
        foreach (var fault in FaultPresets.Mixed(rate: 0.15, stallMs: 1500)) Emulator.Admin.AddFault(fault);

        var result = Session.Run("""
            $rows = 1..300 | ForEach-Object { [pscustomobject]@{ ref = "$(70000 + $_)"; refMagasin = "shop$_"; montant = "$_"; customerId = '4242' } }
            $written = @($rows | Set-ActitoRecord -CustomTable DemoDocTickets -ErrorVariable failed -ErrorAction SilentlyContinue -Verbose)
            foreach ($w in $written) { 'written,{0}' -f $w.BusinessKey }
            foreach ($e in $failed) { 'failed,{0},{1},{2}' -f $e.TargetObject.ref, [object]::ReferenceEquals($e.TargetObject, $rows[$e.Exception.RowNumber - 1]), $e.Exception.MayHaveBeenApplied }
            """);

        Assert.Null(result.Terminated);
        WaitForEmulatorToFinish();
        var lines = result.Text.Select(t => t.Split(',')).ToList();
        var written = lines.Where(l => l[0] == "written").Select(l => int.Parse(l[1], CultureInfo.InvariantCulture) - 70000).ToList();
        var failed = lines.Where(l => l[0] == "failed").ToDictionary(l => int.Parse(l[1], CultureInfo.InvariantCulture) - 70000, l => l[2..]);
        Assert.Equal(Enumerable.Range(1, 300), written.Concat(failed.Keys).Order());
        Assert.All(failed.Values, f => Assert.Equal("True", f[0]));

        var held = Emulator.Admin.GetRecords(EmulatorFixture.Entity, "DemoDocTickets").ToDictionary(r => r.BusinessKey);
        for (var i = 1; i <= 300; i++)
        {
            var key = (70000 + i).ToString(CultureInfo.InvariantCulture);
            if (written.Contains(i))
            {
                Assert.True(held.ContainsKey(key), $"Record {key} was reported written but is not held.");
                Assert.Equal(($"shop{i}", (long)i), ((string)held[key].Properties["refMagasin"], (long)held[key].Properties["montant"]));
            }
            else if (failed[i][1] == "False")
            {
                Assert.False(held.ContainsKey(key), $"Record {key} failed without 'may have been applied', yet it is held.");
            }
        }
        new SecretScan().Add("records soak", result, Session.UI).AssertNoHit(Emulator.Admin.GetIssuedTokens().Append(EmulatorFixture.ApiKey));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-engine records under faults: 300 rows in {result.Elapsed.TotalSeconds:0.0} s, {300 / result.Elapsed.TotalSeconds:0.0} rows/s; {written.Count} written, {failed.Count} reported"));
    }

    private void WaitForEmulatorToFinish()
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (Emulator.Admin.InFlightRequests > 0 && DateTime.UtcNow < until) Thread.Sleep(50);
        Thread.Sleep(100);
    }
}
