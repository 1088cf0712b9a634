using System.Management.Automation;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>The module folder as build.ps1 publishes it, imported, re-imported and removed in the real engine.</summary>
[Collection(InEngineCollection.Name)]
public sealed class ModuleLoadingTests
{
    private static readonly string[] Cmdlets =
    [
        "Add-ActitoSegmentation", "Add-ActitoSubscription", "Connect-Actito", "Disconnect-Actito", "Get-ActitoConnection", "Get-ActitoCustomTable",
        "Get-ActitoEtl", "Get-ActitoEtlError", "Get-ActitoEtlExecution", "Get-ActitoProfile", "Get-ActitoProfileTable", "Get-ActitoRecord",
        "Get-ActitoWebhookSubscription", "New-ActitoEtl", "New-ActitoWebhookSubscription", "Remove-ActitoEtl", "Remove-ActitoProfile",
        "Remove-ActitoRecord", "Remove-ActitoSegmentation", "Remove-ActitoSubscription", "Remove-ActitoWebhookSubscription", "Save-ActitoEtlOutput",
        "Set-ActitoProfile", "Set-ActitoRecord", "Start-ActitoEtl", "Wait-ActitoEtl",
    ];

    private static string Manifest => Rows.Quote(ModuleSession.ManifestPath);

    [Fact]
    public void Test_ModuleManifest_passes_and_reads_the_exported_cmdlets()
    {
        using var session = ModuleSession.Start(importModule: false);

        var result = session.Run($"Test-ModuleManifest -Path {Manifest}").AssertClean();

        var module = Assert.IsType<PSModuleInfo>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("ActitoPS", module.Name);
        Assert.Equal(Version.Parse(Repository.ModuleVersion), module.Version);
        Assert.Equal(Cmdlets, module.ExportedCmdlets.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_imported_module_exports_exactly_the_manifests_cmdlets()
    {
        using var session = ModuleSession.Start();

        var names = session.Run("(Get-Command -Module ActitoPS).Name").AssertClean().Output.Select(o => o.ToString());

        Assert.Equal(Cmdlets, names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Import_Module_Force_twice_then_Remove_Module_leaves_one_module_then_none_and_it_imports_again()
    {
        using var session = ModuleSession.Start(importModule: false);

        session.Run($"Import-Module {Manifest} -Force; Import-Module {Manifest} -Force").AssertClean();
        var loaded = session.Run("@(Get-Module ActitoPS).Count; (Get-Command Set-ActitoProfile).Source").AssertClean().Output;
        Assert.Equal(1, (int)loaded[0].BaseObject);
        Assert.Equal("ActitoPS", loaded[1].ToString());

        session.Run("Remove-Module ActitoPS").AssertClean();
        var after = session.Run("@(Get-Module ActitoPS).Count; @(Get-Command -Module ActitoPS -ErrorAction Ignore).Count").AssertClean().Output;
        Assert.Equal([0, 0], after.Select(o => (int)o.BaseObject));

        session.Run($"Import-Module {Manifest}").AssertClean();
        Assert.Equal("ActitoPS", session.Run("(Get-Command Connect-Actito).Source").AssertClean().Output.Single().ToString());
    }

    [Fact]
    public void The_module_uses_the_engines_own_Newtonsoft_Json_and_loads_no_second_copy()
    {
        using var session = ModuleSession.Start();

        // Set-ActitoProfile's -WhatIf builds each row's JSON with Newtonsoft without a connection to Actito.
        var script = """
            $engine = [Newtonsoft.Json.JsonConvert].Assembly
            $copies = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Newtonsoft.Json' })
            $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ActitoPS.Core' }
            $copies.Count
            $engine.Location
            ($core.GetReferencedAssemblies() | Where-Object Name -eq 'Newtonsoft.Json').Version.ToString()
            $core.Location
            """;
        var output = session.Run(script).AssertClean().Output.Select(o => o.ToString()).ToList();

        Assert.Equal("1", output[0]);
        Assert.DoesNotContain(Path.Combine("module", "ActitoPS"), output[1]);
        Assert.Equal("13.0.0.0", output[2]);
        Assert.StartsWith(ModuleSession.ModuleDirectory, output[3]);
    }

    [Fact]
    public void Get_Help_gives_each_cmdlets_syntax_with_its_parameters()
    {
        using var session = ModuleSession.Start();

        foreach (var (cmdlet, parameter) in new[] { ("Set-ActitoProfile", "Table"), ("Connect-Actito", "Entity"), ("Disconnect-Actito", "Connection"), ("Get-ActitoConnection", null) })
        {
            var help = session.Run($"Get-Help {cmdlet}").AssertClean().Output.Single();
            Assert.Equal(cmdlet, help.Properties["Name"].Value?.ToString());
            var syntax = session.Run($"(Get-Help {cmdlet}).syntax.syntaxItem | ForEach-Object {{ $_.parameter.name }}").AssertClean().Text;
            if (parameter != null) Assert.Contains(parameter, syntax);
        }
    }

    [Fact]
    public void A_version_folder_as_build_ps1_and_the_Gallery_lay_it_out_imports_by_the_module_folder_alone()
    {
        // build.ps1 publishes into out/ActitoPS/<version>; the README imports ./out/ActitoPS.
        var root = Path.Combine(Path.GetTempPath(), "actitops-layout-" + Guid.NewGuid().ToString("N"), "ActitoPS");
        var version = Repository.ModuleVersion;
        try
        {
            Repository.CopyDirectory(ModuleSession.ModuleDirectory, Path.Combine(root, version));
            using var session = ModuleSession.Start(importModule: false);

            var imported = session.Run($"Import-Module {Rows.Quote(root)} -PassThru | ForEach-Object {{ '{{0}} {{1}}' -f $_.Version, $_.ModuleBase }}").AssertClean();

            Assert.Equal($"{version} {Path.Combine(root, version)}", Assert.Single(imported.Text));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
    }

    [Fact]
    public void Build_ps1_and_the_Pester_tests_agree_on_the_module_folder_the_manifest_version_names()
    {
        // build.ps1 cannot run here (no pwsh); the helper it and the Pester tests share can.
        var root = Repository.Root;
        var version = Repository.ModuleVersion;
        using var session = ModuleSession.Start(importModule: false);

        var folder = session.Run($". {Rows.Quote(Path.Combine(root, "tests", "pester", "EmulatorHelpers.ps1"))}; Get-BuiltModuleDirectory -RepoRoot {Rows.Quote(root)}").AssertClean();

        Assert.Equal([Path.Combine(root, "out", "ActitoPS", version)], folder.Text);
    }
}
