using System.Management.Automation;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Ctrl+C (PowerShell.Stop() from another thread) in the middle of a long run.</summary>
public sealed class StopTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    [Fact]
    public void Stop_returns_within_two_seconds_and_no_call_is_sent_after_it()
    {
        Connect();
        Emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 300, PathContains = "/profile", Count = 100_000 });
        var script = "1..5000 | ForEach-Object { [pscustomobject]@{ customerId = \"$(20000 + $_)\" } } | Set-ActitoProfile -Table MyWebsiteProfiles";

        var (result, stopTook) = Session.RunAndStop(script, () => Emulator.ProfileWrites().Count >= 6, TimeSpan.FromSeconds(30));
        var stoppedAt = DateTimeOffset.UtcNow;

        Assert.True(stopTook < TimeSpan.FromSeconds(2), $"Stop() took {stopTook.TotalMilliseconds:0} ms.");
        Assert.IsType<PipelineStoppedException>(result.Terminated);
        Thread.Sleep(1000);
        var late = Emulator.ProfileWrites().Where(e => e.StartedAt > stoppedAt).ToList();
        Assert.True(late.Count == 0, $"{late.Count} call(s) reached the emulator after Stop() returned.");
        Assert.True(Emulator.ProfileWrites().Count < 100, "The run went on instead of stopping.");
    }
}
