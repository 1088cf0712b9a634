using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ActitoPS.Core.Http;
using ActitoPS.Core.MassImports;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

/// <summary>Wait-ActitoEtl against the emulator: finished, finished with lines in error, failed, too long, stopped, unknown.</summary>
public sealed class WaitEtlOperationEndToEndTests : EtlEndToEndTest, IClassFixture<EmulatorFixture>
{
    public WaitEtlOperationEndToEndTests(EmulatorFixture emulator) : base(emulator)
    {
    }

    /// <summary>Starts an import without waiting; returns the execution as Start-ActitoEtl wrote it.</summary>
    private EtlExecution Started(EtlMode mode, params object?[] rows) => Single(Import(rows, mode));

    /// <summary>An execution that FAILS: a file with a byte order mark, posted straight to the emulator as the guide's curl call does.</summary>
    /// <remarks>Authenticates with the token the last connection was given.</remarks>
    private long StartFailing()
    {
        var token = Admin.GetIssuedTokens().Last();
        using var http = new HttpClient { BaseAddress = Emulator.Server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent([0xEF, 0xBB, 0xBF, .. "customerId\r\n1\r\n"u8.ToArray()]), "inputFile", "bom.csv");
        var definition = new StringContent(
            """{"type":"ONESHOT","dataLoading":{"destination":{"type":"PROFILE_TABLE","id":"1","attributesMapping":[{"header":"customerId","attributeName":"customerId"}]},"parameters":{"mode":"CREATE_OR_UPDATE"}}}""",
            Encoding.UTF8, "application/json");
        form.Add(definition, "oneshotEtl", "oneshotEtl.json");
        using var response = http.PostAsync($"mass-imports/v5/entities/{EmulatorFixture.Entity}/etl-executions", form).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return long.Parse(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetRawText(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void An_execution_finished_with_lines_in_error_is_written_with_a_warning_that_says_how_to_see_them()
    {
        SeedProfiles(Csv(("customerId", "1"), ("lastName", "One")));
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 300 });
        var started = Started(EtlMode.UpdateOnly, Row(("customerId", 1), ("lastName", "Uno")), Row(("customerId", 99), ("lastName", "Ghost")));
        var host = new RecordingHost();

        var wait = new WaitEtlOperation(Connect(), host, CancellationToken.None);
        wait.Add(started);
        wait.Complete();

        var finished = Single(host);
        Assert.Equal((started.Id, "FINISHED"), (finished.Id, finished.Status));
        Assert.Equal((2L, 1L, 1L), (finished.Results!.Read, finished.Results.InError, finished.Results.Updated));
        Assert.True(finished.HasErrors);
        // What this session knew of it is kept.
        Assert.Equal((Table, 2L, started.File, 1L), (finished.Table, finished.Rows, finished.File, finished.FirstRow));
        var warning = Assert.Single(host.Warnings);
        var id = started.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Contains("1 of 2", warning);
        Assert.Contains($"Get-ActitoEtlError -Id {id}", warning);
        Assert.Empty(host.Errors);
        Assert.Equal("Uno", Profile(1).Attributes["lastName"]);
        // The bar showed the execution running and was closed once it ended.
        var bars = host.Progress.Where(p => p.Activity.Contains(id)).ToList();
        Assert.Contains(bars, p => !p.Completed && p.StatusDescription.Contains("IN_PROGRESS"));
        Assert.True(bars[^1].Completed);
    }

    [Fact]
    public void A_failed_execution_is_its_error_with_Actitos_reason_and_no_object()
    {
        var connection = Connect();
        var id = StartFailing();
        var host = new RecordingHost();

        var wait = new WaitEtlOperation(connection, host, CancellationToken.None);
        wait.Add(id);
        wait.Complete();

        var failed = Ended(id);
        Assert.Equal("FAILED", failed.Status);
        var error = Assert.Single(host.Errors);
        Assert.Equal("ActitoEtlFailed", error.ErrorId);
        Assert.Contains(id.ToString(CultureInfo.InvariantCulture), error.Exception.Message);
        // Actito's reason, as a sentence of the message.
        Assert.Contains(failed.ErrorMessage!.TrimEnd('.'), error.Exception.Message);
        var target = Assert.IsType<EtlExecution>(error.TargetObject);
        Assert.Equal(("FAILED", failed.ErrorMessage), (target.Status, target.Error));
        Assert.Empty(host.Output);
        Assert.Empty(host.Warnings);
    }

    [Fact]
    public void A_wait_that_times_out_is_an_error_and_the_execution_goes_on()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 600_000 });
        var host = new RecordingHost();

        Import([Row(("customerId", 1), ("lastName", "Slow"))], host: host, setup: o =>
        {
            o.Wait = true;
            o.Timeout = TimeSpan.FromSeconds(10);
        });

        var error = Assert.Single(host.Errors);
        Assert.Equal("ActitoEtlWaitTimeout", error.ErrorId);
        var known = Assert.IsType<EtlExecution>(error.TargetObject);
        var id = known.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"Wait-ActitoEtl -Id {id}", error.RecommendedAction);
        Assert.Contains("IN_PROGRESS", error.Exception.Message);
        Assert.Empty(host.Output);
        Assert.Equal("IN_PROGRESS", Assert.Single(Admin.GetEtlExecutions()).Status);
        Assert.False(HasProfile(1));

        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        Assert.Equal("FINISHED", Ended(known.Id).Status);
        Assert.Equal("Slow", Profile(1).Attributes["lastName"]);
    }

    [Fact]
    public void Cancelling_stops_the_wait_promptly_and_closes_the_bars_while_the_execution_goes_on()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 600_000 });
        var started = Started(EtlMode.CreateOrUpdate, Row(("customerId", 1)));
        var host = new RecordingHost();
        using var stop = new CancellationTokenSource();
        var wait = new WaitEtlOperation(Connect(), host, stop.Token);
        wait.Add(started);

        stop.CancelAfter(TimeSpan.FromMilliseconds(400));
        var watch = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => wait.Complete());

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2));
        Assert.Empty(host.Output);
        Assert.Empty(host.Errors);
        Assert.NotEmpty(host.Progress);
        Assert.True(host.Progress[^1].Completed);
        Assert.Equal("IN_PROGRESS", Assert.Single(Admin.GetEtlExecutions()).Status);
    }

    [Fact]
    public void An_unknown_id_is_its_own_not_found_error_while_the_others_finish()
    {
        var started = Started(EtlMode.CreateOrUpdate, Row(("customerId", 1)));
        var host = new RecordingHost();

        var wait = new WaitEtlOperation(Connect(), host, CancellationToken.None);
        wait.Add(999_999);
        wait.Add(started);
        wait.Complete();

        var error = Assert.Single(host.Errors);
        Assert.Equal(999_999L, error.TargetObject);
        Assert.Equal("ActitoNotFound", error.ErrorId);
        Assert.Equal(404, Assert.IsType<ActitoApiException>(error.Exception).StatusCode);
        Assert.Contains("999999", error.Exception.Message);
        var finished = Single(host);
        Assert.Equal((started.Id, "FINISHED"), (finished.Id, finished.Status));
    }
}
