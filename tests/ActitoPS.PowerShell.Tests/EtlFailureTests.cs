using System.Management.Automation;
using System.Text.RegularExpressions;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>What goes wrong around an import: an upload dropped mid-way, an execution Actito FAILS, a wait stopped or timed out.</summary>
public sealed partial class EtlFailureTests(EmulatorFixture emulator) : EtlInEngineTest(emulator)
{
    [GeneratedRegex(@"kept at (?<path>\S+?\.csv\.gz)")]
    private static partial Regex KeptAt();

    /// <summary>The spool file an error message names; registered for deletion after the test.</summary>
    private string KeptFile(string message)
    {
        var match = KeptAt().Match(message);
        Assert.True(match.Success, $"The message names no kept file: {message}");
        var path = match.Groups["path"].Value;
        Kept.Add(path);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_upload_dropped_mid_way_is_a_terminating_error_that_keeps_the_file_and_is_never_sent_twice(bool afterApply)
    {
        ConnectFast();
        Emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, Method = "POST", PathContains = "/etl-executions", Count = 1, AfterApply = afterApply });

        var error = Session.Catch($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles -Wait");

        var kept = KeptFile(error.Exception.Message);
        Assert.True(File.Exists(kept), kept);
        Assert.Equal("ActitoOutcomeUnknown,ActitoPS.MassImports.StartActitoEtlCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Actito may have accepted it", error.Exception.Message);
        Assert.Contains("Get-ActitoEtlExecution", error.Exception.Message);
        var upload = Assert.Single(Uploads());
        Assert.NotNull(upload.Fault);
        Assert.Equal(afterApply ? 1 : 0, Emulator.Admin.GetEtlExecutions().Count);
        // The file kept is the one that would have been sent: every row, ready for Start-ActitoEtl -Path.
        Assert.Equal(File.ReadAllText(EmulatorFixture.SamplePath("profiles.csv")).ReplaceLineEndings("\r\n").TrimEnd(), Gunzip(kept).TrimEnd());
    }

    [Fact]
    public void The_kept_file_of_a_dropped_upload_is_sent_with_Path()
    {
        ConnectFast();
        Emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, Method = "POST", PathContains = "/etl-executions", Count = 1 });
        var kept = KeptFile(Session.Catch($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles").Exception.Message);

        var resent = Session.Run($"Start-ActitoEtl -Path {Q(kept)} -Table MyWebsiteProfiles -Wait").AssertClean();

        Assert.Equal("FINISHED", Prop(Assert.Single(resent.Output), "Status"));
        Assert.Equal(File.ReadAllLines(EmulatorFixture.SamplePath("profiles.csv")).Length - 1, Profiles().Count);
        Assert.Equal(2, Uploads().Count);
    }

    [Fact]
    public void Wait_ActitoEtl_on_a_FAILED_execution_writes_ActitoEtlFailed_with_Actitos_reason()
    {
        ConnectFast();
        var id = StartFailingExecution();

        var result = Session.Run($"Wait-ActitoEtl -Id {id}; 'after'");

        Assert.Null(result.Terminated);
        Assert.Equal(["after"], result.Text);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoEtlFailed,ActitoPS.MassImports.WaitActitoEtlCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains($"Execution {id} into MyWebsiteProfiles FAILED:", error.Exception.Message);
        Assert.Contains("byte order mark", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nothing of its file was loaded", error.Exception.Message);
        var target = Assert.IsAssignableFrom<object>(error.TargetObject);
        Assert.Equal("FAILED", Prop(PSObject.AsPSObject(target), "Status"));
        Assert.Equal(id, Prop(PSObject.AsPSObject(target), "Id"));
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction));
        Assert.Empty(Profiles());
    }

    [Fact]
    public void Wait_ActitoEtl_ErrorAction_Stop_on_a_FAILED_execution_ends_the_script()
    {
        ConnectFast();
        var id = StartFailingExecution();

        var error = Session.Catch($"Wait-ActitoEtl -Id {id} -ErrorAction Stop; 'not reached'");

        Assert.Equal("ActitoEtlFailed,ActitoPS.MassImports.WaitActitoEtlCommand", error.FullyQualifiedErrorId);
        Assert.Contains("byte order mark", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Get_ActitoEtlExecution_shows_a_FAILED_execution_with_its_reason_and_Get_ActitoEtlError_has_no_line()
    {
        ConnectFast();
        var id = StartFailingExecution();

        var result = Session.Run($"Get-ActitoEtlExecution -Id {id}; Get-ActitoEtlError -Id {id}").AssertClean();

        var execution = Assert.Single(result.Output);
        Assert.Equal("FAILED", Prop(execution, "Status"));
        Assert.Contains("byte order mark", (string)Prop(execution, "Error")!, StringComparison.OrdinalIgnoreCase);
        Assert.Null(Prop(execution, "Inserted"));
    }

    [Fact]
    public void Stopping_Wait_ActitoEtl_returns_within_two_seconds_and_the_execution_goes_on()
    {
        ConnectFast();
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 60_000 });
        var started = Session.Run($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles").AssertClean();
        var id = (long)Prop(Assert.Single(started.Output), "Id")!;
        Emulator.Admin.ClearRequestLog();
        int Polls() => Emulator.Admin.GetRequestLog().Count(e => e.Method == "GET" && e.Path.EndsWith($"/etl-executions/{id}", StringComparison.Ordinal));

        var (result, stopTook) = Session.RunAndStop($"Wait-ActitoEtl -Id {id}", () => Polls() >= 1, TimeSpan.FromSeconds(10));

        Assert.True(stopTook < TimeSpan.FromSeconds(2), $"Stop() took {stopTook.TotalMilliseconds:0} ms.");
        Assert.IsType<PipelineStoppedException>(result.Terminated);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"The wait ran {result.Elapsed.TotalSeconds:0.0} s.");
        Assert.Empty(result.Output);
        var polls = Polls();
        Thread.Sleep(1500);
        Assert.Equal(polls, Polls());
        Assert.Equal("IN_PROGRESS", Emulator.Admin.GetEtlExecutions().Single().Status);
    }

    [Fact]
    public void Wait_ActitoEtl_Timeout_is_an_ActitoEtlWaitTimeout_error_and_the_execution_goes_on()
    {
        ConnectFast();
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 60_000 });
        var started = Session.Run($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles").AssertClean();
        var id = (long)Prop(Assert.Single(started.Output), "Id")!;

        var result = Session.Run($"Wait-ActitoEtl -Id {id} -Timeout 1; 'after'");

        Assert.Null(result.Terminated);
        Assert.Equal(["after"], result.Text);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(4), $"The wait ran {result.Elapsed.TotalSeconds:0.0} s.");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ActitoEtlWaitTimeout,ActitoPS.MassImports.WaitActitoEtlCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains($"Execution {id} is still IN_PROGRESS", error.Exception.Message);
        Assert.Contains($"Wait-ActitoEtl -Id {id}", error.ErrorDetails.RecommendedAction);
        Assert.Equal("IN_PROGRESS", Emulator.Admin.GetEtlExecutions().Single().Status);

        // Released, the same execution is picked up by waiting again.
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        var again = Session.Run($"Wait-ActitoEtl -Id {id}").AssertClean();
        Assert.Equal("FINISHED", Prop(Assert.Single(again.Output), "Status"));
    }

    [Fact]
    public void Start_ActitoEtl_Wait_Timeout_is_the_same_timeout_error()
    {
        ConnectFast();
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 60_000 });

        var result = Session.Run($"{Rows.ImportSample()} | Start-ActitoEtl -Table MyWebsiteProfiles -Wait -Timeout 1");

        Assert.Null(result.Terminated);
        Assert.Equal("ActitoEtlWaitTimeout,ActitoPS.MassImports.StartActitoEtlCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Single(Uploads());
    }
}
