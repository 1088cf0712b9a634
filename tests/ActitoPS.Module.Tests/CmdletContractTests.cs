namespace ActitoPS.Module.Tests;

/// <summary>Rules every cmdlet class follows, read from its attributes.</summary>
public class CmdletContractTests
{
    /// <summary>Verbs whose cmdlets change data in Actito or on disk: -WhatIf must preview them and -Confirm guard them.</summary>
    private static readonly HashSet<string> ChangingVerbs = new(StringComparer.Ordinal)
    {
        "Add", "Clear", "Copy", "Disable", "Enable", "Import", "Install", "Move", "New", "Publish", "Register", "Remove",
        "Rename", "Reset", "Restore", "Save", "Send", "Set", "Start", "Stop", "Submit", "Sync", "Unregister", "Update", "Write",
    };

    /// <summary>
    /// Verbs that read, or change only this session's memory. Connect and Disconnect are here on purpose: a
    /// runbook's dry run sets $WhatIfPreference = $true, and if Connect-Actito honoured it nothing would be
    /// connected and every -WhatIf preview after it would fail with "not connected".
    /// </summary>
    private static readonly HashSet<string> NonChangingVerbs = new(StringComparer.Ordinal)
    {
        "Connect", "Disconnect", "Find", "Get", "Measure", "Read", "Resolve", "Search", "Show", "Test", "Wait",
    };

    /// <summary>Cmdlets that manage the session's connection itself rather than use one.</summary>
    private static readonly HashSet<string> ConnectionManagers = new(StringComparer.Ordinal) { "Connect-Actito", "Get-ActitoConnection" };

    public static IEnumerable<object[]> CmdletNames => ModuleMetadata.CmdletNames;

    [Fact]
    public void The_module_has_cmdlets()
    {
        Assert.NotEmpty(ModuleMetadata.Cmdlets);
        Assert.All(ModuleMetadata.Cmdlets, c => Assert.True(ModuleMetadata.DerivesFrom(c.Type, "System.Management.Automation.Cmdlet"), $"{c.Type.FullName} is not a Cmdlet."));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void A_cmdlet_that_changes_data_supports_WhatIf_and_Confirm_and_one_that_does_not_does_not(string cmdlet)
    {
        var meta = ModuleMetadata.Cmdlet(cmdlet);

        // A new verb fails here until someone decides which list it belongs to.
        Assert.True(ChangingVerbs.Contains(meta.Verb) || NonChangingVerbs.Contains(meta.Verb),
            $"Verb '{meta.Verb}' of {cmdlet} is in neither list of {nameof(CmdletContractTests)}: decide whether it changes data.");
        Assert.Equal(ChangingVerbs.Contains(meta.Verb), meta.SupportsShouldProcess);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void A_cmdlet_that_uses_a_connection_takes_an_optional_Connection(string cmdlet)
    {
        if (ConnectionManagers.Contains(cmdlet))
        {
            return;
        }

        var connection = ModuleMetadata.Cmdlet(cmdlet).Parameter("Connection");

        Assert.True(connection != null, $"{cmdlet} has no -Connection parameter.");
        Assert.Equal("ActitoPS.Core.Connection.ActitoConnection", connection!.Type.FullName);
        Assert.All(connection.Sets, s => Assert.False(s.Mandatory, $"-Connection of {cmdlet} is mandatory in set {s.SetName}: it must default to the current connection."));
        Assert.Contains(connection.Sets, s => s.SetName == ModuleMetadata.AllParameterSets);
    }

    [Fact]
    public void Every_error_category_of_Core_is_one_PowerShell_has()
    {
        // The cmdlets turn Core's category into PowerShell's by name (Enum.Parse): a name PowerShell
        // lacks would throw while reporting an error, hiding the error itself.
        var core = ModuleMetadata.CoreAssembly.GetType("ActitoPS.Core.Hosting.ActitoErrorCategory", throwOnError: true)!;
        var powershell = ModuleMetadata.Referenced("System.Management.Automation").GetType("System.Management.Automation.ErrorCategory", throwOnError: true)!;

        var names = EnumNames(powershell);
        var coreNames = EnumNames(core);
        Assert.NotEmpty(coreNames);
        Assert.All(coreNames, name => Assert.Contains(name, names));
    }

    private static List<string> EnumNames(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToList();

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void A_secret_is_never_taken_as_plain_text(string cmdlet)
    {
        // A string parameter would put the key in the command history, transcripts and runbook job logs.
        var secretLike = new Regex("Key|Password|Secret|Token", RegexOptions.IgnoreCase);
        // Named "Key" but no secret: the unique attribute a profile is looked up by (Get-ActitoProfile -Key emailAddress),
        // and a custom-table record's business key (its "ref" value).
        var attributeNames = new[] { ("Get-ActitoProfile", "Key"), ("Get-ActitoRecord", "BusinessKey"), ("Set-ActitoRecord", "BusinessKey"), ("Remove-ActitoRecord", "BusinessKey") };
        foreach (var parameter in ModuleMetadata.Cmdlet(cmdlet).Parameters.Where(p => secretLike.IsMatch(p.Name) && !attributeNames.Contains((cmdlet, p.Name))))
        {
            Assert.Contains(parameter.Type.FullName, new[] { "System.Security.SecureString", "System.Management.Automation.PSCredential" });
        }
    }
}
