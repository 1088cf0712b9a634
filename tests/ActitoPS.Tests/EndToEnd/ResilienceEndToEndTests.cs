using System.Collections.Specialized;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Profiles;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

public class ResilienceEndToEndTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public ResilienceEndToEndTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Admin.Reset();
    }

    private static List<OrderedDictionary> Rows(int count, int firstId = 5000) =>
        Enumerable.Range(0, count)
            .Select(i => new OrderedDictionary { ["customerId"] = (firstId + i).ToString(), ["lastName"] = "Name" + i, ["emailAddress"] = $"p{firstId + i}@example.be" })
            .ToList();

    private IReadOnlyList<ProfileSnapshot> Profiles() => _emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table);

    private void AssertEachRowAppliedOnce(List<OrderedDictionary> rows, RecordingHost host)
    {
        Assert.Empty(host.Errors);
        Assert.Equal(Enumerable.Range(1, rows.Count), host.Output.Cast<ProfileUpsertResult>().Select(r => r.RowNumber));
        var profiles = Profiles();
        Assert.Equal(rows.Count, profiles.Count);
        Assert.Equal(rows.Select(r => (string)r["customerId"]!).OrderBy(x => x), profiles.Select(p => p.Attributes["customerId"]).OrderBy(x => x));
        Assert.All(profiles, p => Assert.Equal(1, p.WriteCount));
    }

    [Fact]
    public void The_token_is_renewed_in_the_middle_of_a_run_without_losing_a_row()
    {
        _emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { TokenLifetimeSeconds = 1 });
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, Method = "POST", PathContains = "/profile", LatencyMs = 150, Count = 24 });
        var rows = Rows(24);
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host, maxConcurrentRequests: 2);

        EmulatorFixture.SetProfiles(connection, host, rows);

        AssertEachRowAppliedOnce(rows, host);
        var tokenCalls = _emulator.Admin.GetRequestLog().Count(e => e.Path == "/auth/token" && e.Status == 200);
        Assert.True(tokenCalls >= 2, $"expected the 1 s token to be renewed during a ~2 s run, saw {tokenCalls} token call(s)");
    }

    [Fact]
    public void A_token_Actito_stops_accepting_is_renewed_once_and_the_call_goes_through()
    {
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);
        var rows = Rows(6);

        EmulatorFixture.SetProfiles(connection, host, rows.Take(3).Cast<object?>());
        _emulator.Admin.ExpireAllTokens();
        _emulator.Admin.ClearRequestLog();
        EmulatorFixture.SetProfiles(connection, host, rows.Skip(3).Cast<object?>());

        Assert.Empty(host.Errors);
        var log = _emulator.Admin.GetRequestLog();
        Assert.Contains(log, e => e.Status == 401);
        Assert.Single(log, e => e.Path == "/auth/token");
        Assert.Equal(6, Profiles().Count);
    }

    [Fact]
    public void Injected_429_and_503_are_retried_and_every_row_lands_exactly_once()
    {
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 503, Method = "POST", PathContains = "/profile", Count = 3 });
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 429, RetryAfter = "1", Method = "POST", PathContains = "/profile", Count = 2 });
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 429, Method = "POST", PathContains = "/profile", Count = 2 });
        _emulator.Admin.AddFault(new FaultSpec
        {
            Kind = FaultKind.Status, Status = 503, Method = "POST", PathContains = "/profile", Count = 1,
            RetryAfter = DateTimeOffset.UtcNow.AddSeconds(1).ToString("R"),
        });
        var rows = Rows(20);
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        EmulatorFixture.SetProfiles(connection, host, rows);

        AssertEachRowAppliedOnce(rows, host);
        var log = _emulator.Admin.GetRequestLog();
        Assert.Equal(4, log.Count(e => e.Status == 503));
        Assert.Equal(4, log.Count(e => e.Status == 429));
        Assert.Contains(host.Verbose, line => line.Contains("retrying in"));
    }

    [Fact]
    public void A_client_allowed_more_in_flight_than_the_licence_recovers_from_the_licences_429_with_the_default_retry_policy()
    {
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, Method = "POST", PathContains = "/profile", LatencyMs = 200, Count = 40 });
        var rows = Rows(30);
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host, maxConcurrentRequests: 9, retry: new ActitoPS.Core.Http.RetryOptions());

        EmulatorFixture.SetProfiles(connection, host, rows);

        AssertEachRowAppliedOnce(rows, host);
        Assert.Contains(_emulator.Admin.GetRequestLog(), e => e.Status == 429 && e.Limit != null); // the licence itself refused some
        // ...and the client learnt the licence's limit from it.
        Assert.InRange(connection.Limiter.CurrentCeiling, 1, 5);
        Assert.Contains(host.Verbose, line => line.Contains("at once from now on"));
    }

    [Fact]
    public void A_dropped_connection_after_a_keyed_upsert_is_sent_again_and_leaves_one_profile()
    {
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, AfterApply = true, Method = "POST", PathContains = "/profile", Count = 1 });
        var rows = Rows(1);
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        EmulatorFixture.SetProfiles(connection, host, rows);

        Assert.Empty(host.Errors);
        var profile = Assert.Single(Profiles());
        Assert.Equal("5000", profile.Attributes["customerId"]);
        // Applied by the dropped attempt, then again by the retry: an idempotent update of the same profile.
        Assert.Equal(2, profile.WriteCount);
    }

    [Fact]
    public void A_dropped_connection_after_a_create_without_key_is_reported_not_sent_twice()
    {
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, AfterApply = true, Method = "POST", PathContains = "/profile", Count = 1 });
        var row = new OrderedDictionary { ["lastName"] = "NoKey", ["firstName"] = "Only" };
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        EmulatorFixture.SetProfiles(connection, host, new object[] { row }, createOnly: true);

        var error = Assert.Single(host.Errors);
        Assert.Same(row, error.TargetObject);
        Assert.Equal("ActitoOutcomeUnknown", error.ErrorId);
        Assert.Contains("may or may not", error.Exception.Message);
        Assert.NotNull(error.RecommendedAction);
        Assert.Single(Profiles(), p => p.Attributes.TryGetValue("lastName", out var name) && name == "NoKey");
    }

    [Fact]
    public void A_dropped_connection_before_anything_was_applied_is_retried_for_a_keyed_row()
    {
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, Method = "POST", PathContains = "/profile", Count = 2 });
        var rows = Rows(3);
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        EmulatorFixture.SetProfiles(connection, host, rows);

        AssertEachRowAppliedOnce(rows, host);
    }

    [Fact]
    public void Cancelling_stops_the_run_promptly_and_no_row_is_written_after_it()
    {
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, Method = "POST", PathContains = "/profile", LatencyMs = 5000, Count = 100 });
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => EmulatorFixture.SetProfiles(connection, host, Rows(10), cancellationToken: cancellation.Token));

        // Bounded, not timed: every request was held 5 s, so a run that waited for them could not have stopped sooner.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4.5), $"stopping took {watch.Elapsed}");
        Assert.Empty(host.Output);
    }
}
