using System.Management.Automation;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Progress on a run long enough to show it: written while rows flow, at most about once a second, always completed.</summary>
public sealed class ProgressTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    private const string LongRun = "1..60 | ForEach-Object { [pscustomobject]@{ customerId = \"$(30000 + $_)\" } } | Set-ActitoProfile -Table MyWebsiteProfiles";

    [Fact]
    public void Progress_is_written_while_rows_flow_and_completed_at_the_end()
    {
        Connect();
        Emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 200, PathContains = "/profile", Count = 1000 });

        var result = Session.Run(LongRun).AssertClean();

        Assert.True(result.Elapsed > TimeSpan.FromSeconds(2), $"The run took {result.Elapsed}: too short to show progress.");
        var progress = result.Progress;
        Assert.True(progress.Count >= 2, $"{progress.Count} progress record(s).");
        var processing = progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(processing);
        Assert.All(processing, p => Assert.Matches(@"^\d+ profiles \(\d+(\.\d)?/s\)$", p.StatusDescription));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.All(progress, p => Assert.Equal("Set-ActitoProfile: MyWebsiteProfiles", p.Activity));
        // At most about one update a second, plus the closing record.
        Assert.True(processing.Count <= result.Elapsed.TotalSeconds + 1, $"{processing.Count} updates in {result.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public void ProgressPreference_SilentlyContinue_shows_no_progress()
    {
        Connect();
        Emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 200, PathContains = "/profile", Count = 1000 });

        var result = Session.Run("$ProgressPreference = 'SilentlyContinue'; " + LongRun).AssertClean();

        Assert.True(result.Elapsed > TimeSpan.FromSeconds(2));
        Assert.Empty(result.Progress);
        Assert.Empty(Session.UI.Progress);
    }
}
