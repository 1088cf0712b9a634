using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Every cmdlet, with -Verbose -Debug, on its good and bad paths: no stream, object or file shows the key or a token.</summary>
public sealed class SecretScanTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    [Fact]
    public void Every_cmdlet_with_Verbose_and_Debug_leaks_neither_the_key_nor_a_token()
    {
        var started = DateTime.UtcNow;
        var key = $"(ConvertTo-SecureString '{EmulatorFixture.ApiKey}' -AsPlainText -Force)";
        var steps = new (string Name, string Script)[]
        {
            ("connect", $"Connect-Actito -Entity MyEntity -BaseUri {Emulator.BaseUri} -ApiKey {key} -Verbose -Debug"),
            ("connect with a credential", $"$c = Connect-Actito -Entity MyEntity -BaseUri {Emulator.BaseUri} -Credential ([pscredential]::new('svc', {key})) -Verbose -Debug; $c"),
            ("connect with the environment variable", $"$env:ACTITO_API_KEY = '{EmulatorFixture.ApiKey}'; try {{ Connect-Actito -Entity MyEntity -BaseUri {Emulator.BaseUri} -Verbose -Debug }} finally {{ Remove-Item Env:ACTITO_API_KEY }}"),
            ("a wrong key", $"Connect-Actito -Entity MyEntity -BaseUri {Emulator.BaseUri} -ApiKey (ConvertTo-SecureString 'wrong-{EmulatorFixture.ApiKey}' -AsPlainText -Force) -Verbose -Debug"),
            ("get the connection", "Get-ActitoConnection -Verbose -Debug; Get-ActitoConnection | Format-List * | Out-String; (Get-ActitoConnection).ToString()"),
            ("upsert", $"{Rows.ImportSample()} | Set-ActitoProfile -Table MyWebsiteProfiles -Verbose -Debug"),
            ("a bad row", $"{Rows.CsvRow(("customerId", "1"), ("shoeSize", "44"))} | Set-ActitoProfile -Table MyWebsiteProfiles -Verbose -Debug"),
            ("an unknown table", $"{Rows.CsvRow(("customerId", "1"))} | Set-ActitoProfile -Table Nope -Verbose -Debug"),
            ("what if", $"{Rows.ImportSample()} | Set-ActitoProfile -Table MyWebsiteProfiles -WhatIf -Verbose -Debug"),
            ("expired tokens", "[Threading.Thread]::Sleep(0)"),
            ("disconnect", "Disconnect-Actito -Verbose -Debug; Disconnect-Actito -Connection $c -Verbose -Debug"),
            ("a closed connection", $"{Rows.CsvRow(("customerId", "1"))} | Set-ActitoProfile -Table MyWebsiteProfiles -Connection $c -Verbose -Debug"),
        };

        var scan = new SecretScan();
        foreach (var (name, script) in steps)
        {
            if (name == "expired tokens") Emulator.Admin.ExpireAllTokens();
            Session.UI.Clear();
            scan.Add(name, Session.Run(script), Session.UI);
        }
        scan.AddFilesWrittenSince(ModuleSession.ModuleDirectory, started)
            .AddFilesWrittenSince(Path.GetTempPath(), started, f => f.Contains("actito", StringComparison.OrdinalIgnoreCase));

        var tokens = Emulator.Admin.GetIssuedTokens();
        Assert.True(tokens.Count >= 3, $"Only {tokens.Count} token(s) were issued.");
        scan.AssertNoHit(tokens.Append(EmulatorFixture.ApiKey));
    }

    [Fact]
    public void The_scan_finds_a_secret_where_one_is_shown()
    {
        // The scan itself must be able to fail: a key written to the host is found.
        var scan = new SecretScan().Add("echo", Session.Run($"Write-Verbose 'key {EmulatorFixture.ApiKey}' -Verbose"), Session.UI);

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => scan.AssertNoHit([EmulatorFixture.ApiKey]));
    }
}
