using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Parameter sets and mandatory parameters as Get-Command -Syntax shows them to a user.</summary>
public sealed class CommandSyntaxTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    private IReadOnlyList<string> Syntax(string cmdlet) =>
        [.. Session.Run($"Get-Command {cmdlet} -Syntax").AssertClean().Output.Single().ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [Fact]
    public void Connect_Actito_has_an_environment_set_and_a_base_uri_set_each_with_a_mandatory_entity()
    {
        var sets = Syntax("Connect-Actito");

        Assert.Equal(2, sets.Count);
        Assert.StartsWith("Connect-Actito [-Entity] <string> -Environment <ActitoEnvironment> [-ApiKey <securestring>] [-Credential <pscredential>]", sets[0]);
        Assert.StartsWith("Connect-Actito [-Entity] <string> -BaseUri <uri> [-ApiKey <securestring>] [-Credential <pscredential>]", sets[1]);
        Assert.All(sets, s => Assert.Contains("[-MaxConcurrentRequests <int>] [-CallsPerMinute <int>] [-TimeoutSec <int>]", s));
    }

    [Fact]
    public void Set_ActitoProfile_needs_a_table_and_input_and_offers_WhatIf_and_Confirm()
    {
        var set = Assert.Single(Syntax("Set-ActitoProfile"));

        Assert.StartsWith("Set-ActitoProfile [-Table] <string> -InputObject <psobject>", set);
        Assert.Contains("[-DataCollectionSource <string>] [-DataCollectionWay <string>] [-DataCollectionDate <datetime>]", set);
        Assert.Contains("[-Connection <ActitoConnection>]", set);
        Assert.Contains("[-WhatIf] [-Confirm]", set);
    }

    [Fact]
    public void Disconnect_and_Get_ActitoConnection_need_nothing()
    {
        Assert.Equal(["Disconnect-Actito [-Connection <ActitoConnection>] [<CommonParameters>]"], Syntax("Disconnect-Actito"));
        Assert.Equal(["Get-ActitoConnection [<CommonParameters>]"], Syntax("Get-ActitoConnection"));
    }

    [Theory]
    [InlineData("Set-ActitoProfile", "InputObject", true, false)]
    [InlineData("Disconnect-Actito", "Connection", true, false)]
    [InlineData("Connect-Actito", "Entity", false, true)]
    [InlineData("Connect-Actito", "Environment", false, true)]
    [InlineData("Connect-Actito", "BaseUri", false, true)]
    public void Pipeline_binding_is_declared_as_the_cmdlets_promise(string cmdlet, string parameter, bool byValue, bool byPropertyName)
    {
        var declared = Session.Run($"(Get-Command {cmdlet}).Parameters['{parameter}'].ParameterSets.Values | ForEach-Object {{ '{{0}},{{1}}' -f $_.ValueFromPipeline, $_.ValueFromPipelineByPropertyName }}")
            .AssertClean().Output.Select(o => o.ToString()).Distinct().ToList();

        Assert.Equal([$"{byValue},{byPropertyName}"], declared);
    }
}
