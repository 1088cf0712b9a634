using ActitoPS.Core.Hosting;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.Hosting;

public class ProgressReporterTests
{
    [Fact]
    public void Updates_come_at_most_once_a_second_and_the_bar_is_always_closed()
    {
        var host = new RecordingHost();
        var clock = new FakeClock();
        var progress = new ProgressReporter(host, clock, 1, "Import", "rows");

        for (var i = 1; i <= 50; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            progress.Report(i, 100);
        }
        progress.Complete();

        // 5 s of work: first shown at 1 s, then once a second.
        Assert.Equal(5, host.Progress.Count(p => !p.Completed));
        Assert.True(host.Progress.Last().Completed);
        var first = host.Progress[0];
        Assert.Equal("10 of 100 rows (10/s)", first.StatusDescription);
        Assert.Equal(10, first.PercentComplete);
        Assert.Equal(9, first.SecondsRemaining);
    }

    [Fact]
    public void Work_that_ends_within_a_second_shows_no_bar()
    {
        var host = new RecordingHost();
        var progress = new ProgressReporter(host, new FakeClock(), 1, "Import", "rows");
        progress.Report(3);
        progress.Complete();
        Assert.Empty(host.Progress);
    }

    [Fact]
    public void An_unknown_total_shows_a_count_and_a_rate_without_percent()
    {
        var host = new RecordingHost();
        var clock = new FakeClock();
        var progress = new ProgressReporter(host, clock, 1, "Import", "profiles");
        clock.Advance(TimeSpan.FromSeconds(2));
        progress.Report(7);
        Assert.Equal("7 profiles (3.5/s)", host.Progress.Single().StatusDescription);
        Assert.Equal(-1, host.Progress.Single().PercentComplete);
    }
}
