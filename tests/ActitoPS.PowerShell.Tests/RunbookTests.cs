using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// The Azure Automation runbooks of samples/runbooks, run as Automation runs them (no host to prompt, $ErrorActionPreference
/// Stop), against the emulator, with stand-ins for the Automation asset cmdlets.
/// </summary>
public sealed class RunbookTests : InEngineTest
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "actitops-runbook-tests", Guid.NewGuid().ToString("N"));

    // The module path is the process's: put back what was there, so that later tests see the module only where they import it.
    private readonly string? _modulePath = Environment.GetEnvironmentVariable("PSModulePath");

    public RunbookTests(EmulatorFixture emulator) : base(emulator)
    {
        Directory.CreateDirectory(_work);
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0, CallsPerMinute = 0 });
        // The module installed where Import-Module ActitoPS finds it by name, as in an Automation account.
        var modules = Path.GetDirectoryName(ModuleSession.ModuleDirectory)!;
        Session.Run($"if (-not ($env:PSModulePath -split [IO.Path]::PathSeparator -contains {Rows.Quote(modules)})) {{ $env:PSModulePath = {Rows.Quote(modules)} + [IO.Path]::PathSeparator + $env:PSModulePath }}").AssertClean();
        // What Azure Automation's asset cmdlets answer: the entity in a variable, the API key as a credential's password.
        Session.Run("""
            function Get-AutomationVariable { param([string] $Name) @{ ActitoEntity = 'MyEntity' }[$Name] }
            function Get-AutomationPSCredential { param([string] $Name)
                [pscredential]::new('svc-actito', (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force)) }
            """).AssertClean();
    }

    public override void Dispose()
    {
        base.Dispose();
        Environment.SetEnvironmentVariable("PSModulePath", _modulePath);
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static string Runbook(string name) => Rows.Quote(Path.Combine(AppContext.BaseDirectory, "samples", "runbooks", name));

    private string PartnerFile()
    {
        var path = Path.Combine(_work, "partners.csv");
        File.Copy(EmulatorFixture.SamplePath("profiles.csv"), path);
        return path;
    }

    private ScriptResult RunPartnerImport(string file, string mode = "CreateOrUpdate") =>
        Session.Run($"& {Runbook("Import-ActitoPartnerProfiles.ps1")} -Path {Rows.Quote(file)} -Mode {mode} -BaseUri {Rows.Quote(Emulator.BaseUri)}");

    [Fact]
    public void The_partner_runbook_loads_the_delivered_file_and_reports_the_counts()
    {
        var file = PartnerFile();

        var result = RunPartnerImport(file).AssertClean();

        var rows = File.ReadAllLines(file).Length - 1;
        var summary = Assert.Single(result.Text);
        Assert.Matches($@"^Execution \d+ into MyWebsiteProfiles: {rows} lines read, {rows} inserted, 0 updated, 0 in error\.$", summary);
        Assert.Equal(rows, Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table).Count);
        Assert.Empty(Session.UI.Prompts);
    }

    [Fact]
    public void The_partner_runbook_writes_each_refused_row_with_its_input_row_number()
    {
        var file = PartnerFile();
        RunPartnerImport(file).AssertClean();

        // Every profile exists now: CreateOnly refuses each row.
        var result = RunPartnerImport(file, "CreateOnly").AssertClean();

        var rows = File.ReadAllLines(file).Length - 1;
        Assert.Contains($"{rows} in error", result.Text[0]);
        Assert.Equal(Enumerable.Range(1, rows).Select(r => $"Row {r} refused (PROFILE_ALREADY_EXISTS)"), result.Text.Skip(1).Select(t => t[..t.IndexOf(':')]));
    }

    [Fact]
    public void A_spent_quota_fails_the_job_with_the_reason_and_the_kept_file()
    {
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        var file = PartnerFile();
        RunPartnerImport(file).AssertClean();

        var result = RunPartnerImport(file);

        var failure = Assert.IsAssignableFrom<Exception>(result.Terminated ?? result.Errors.SingleOrDefault()?.Exception);
        Assert.Contains("The daily bulk imports of 'MyWebsiteProfiles' are spent, nothing was loaded.", failure.Message);
        var kept = System.Text.RegularExpressions.Regex.Match(failure.Message, @"kept at (\S+\.csv\.gz)").Groups[1].Value;
        Assert.True(File.Exists(kept), $"the message names a kept file that exists: {failure.Message}");
        File.Delete(kept);
    }

    [Fact]
    public void The_store_runbook_pushes_both_files_to_the_triggered_ETL_in_one_execution()
    {
        Connect("-CallsPerMinute 0");
        var etlId = (string)Session.Run("""
            (New-ActitoEtl -Definition @{
                type = 'TRIGGERED'; name = 'store-orders'
                fileTransfer = @{ input = @{ files = @(
                    @{ fileCode = 'profiles'; fileNamePattern = 'profiles_$YYYYMMDD.csv' }
                    @{ fileCode = 'orders'; fileNamePattern = 'orders.csv' }) } }
                dataLoadings = @(
                    @{ fileCode = 'profiles'; destination = @{ type = 'PROFILE_TABLE'; id = '1'; attributesMapping = @(
                        @{ header = 'customerId'; attributeName = 'customerId' }, @{ header = 'lastName'; attributeName = 'lastName' }) }
                       parameters = @{ mode = 'CREATE_OR_UPDATE' } }
                    @{ fileCode = 'orders'; destination = @{ type = 'CUSTOM_TABLE'; id = 'DemoDocTickets'; attributesMapping = @(
                        @{ header = 'ref'; attributeName = 'ref' }, @{ header = 'shop'; attributeName = 'refMagasin' }, @{ header = 'amount'; attributeName = 'montant' }, @{ header = 'customerId'; attributeName = 'customerId' }) }
                       parameters = @{ mode = 'CREATE_ONLY'; generateErrorFiles = $true } })
            }).Id
            """).AssertClean().Output.Single().BaseObject;
        var profiles = Path.Combine(_work, "profiles.csv");
        var orders = Path.Combine(_work, "orders.csv");
        File.WriteAllText(profiles, "customerId,lastName\r\n80001,Maes\r\n");
        // Ticket 4 exists in the licence's seed: CREATE_ONLY refuses it, the new one loads.
        File.WriteAllText(orders, "ref,shop,amount,customerId\r\n9101,2,40,80001\r\n4,2,40,80001\r\n");

        var result = Session.Run($"& {Runbook("Import-ActitoStoreOrders.ps1")} -ProfilesPath {Rows.Quote(profiles)} -OrdersPath {Rows.Quote(orders)} -EtlId {etlId} -BaseUri {Rows.Quote(Emulator.BaseUri)}").AssertClean();

        Assert.Matches($@"^Execution \d+ of ETL {etlId}: 3 lines read, 2 inserted, 0 updated, 1 in error\.$", result.Text[0]);
        Assert.StartsWith("Line 3 refused (RECORD_ALREADY_EXISTS)", result.Text[1]);
        Assert.Equal(2, result.Text.Count);
        Assert.Contains(Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table), p => p.Attributes.GetValueOrDefault("lastName") == "Maes");
        Assert.Single(Emulator.Admin.GetRequestLog(), e => e.Path.EndsWith($"/etls/{etlId}/trigger-execution", StringComparison.Ordinal));
    }

    [Fact]
    public void The_runbooks_never_prompt_nor_read_from_the_host()
    {
        foreach (var runbook in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples", "runbooks"), "*.ps1"))
        {
            var text = File.ReadAllText(runbook);
            Assert.DoesNotContain("Read-Host", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("PromptForChoice", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Get-Credential", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("$ErrorActionPreference = 'Stop'", text, StringComparison.Ordinal);
        }
    }
}
