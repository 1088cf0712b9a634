using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Tab completion through TabExpansion2, as a prompt asks for it.</summary>
public sealed class CompletionTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    private IReadOnlyList<string> Complete(string line) =>
        [.. Session.Run($"(TabExpansion2 -inputScript {Rows.Quote(line)} -cursorColumn {line.Length}).CompletionMatches.CompletionText")
            .AssertClean().Text];

    [Fact]
    public void Table_completes_from_the_current_connections_profile_tables()
    {
        Connect();

        Assert.Equal(["MyWebsiteProfiles"], Complete("Set-ActitoProfile -Table My"));
        Assert.Equal(["MyWebsiteProfiles"], Complete("Set-ActitoProfile -Table "));
        Assert.Empty(Complete("Set-ActitoProfile -Table Zz"));
    }

    [Fact]
    public void Table_completes_from_a_connection_given_as_a_variable()
    {
        // $c stays open; the current connection is another one, then none.
        Session.Run($"$c = {Emulator.ConnectScript()}; $other = {Emulator.ConnectScript()}; Disconnect-Actito").AssertClean();

        Assert.Empty(Complete("Set-ActitoProfile -Table My"));
        Assert.Equal(["MyWebsiteProfiles"], Complete("Set-ActitoProfile -Connection $c -Table My"));
    }

    [Fact]
    public void Table_offers_nothing_without_a_connection()
    {
        Assert.Empty(Complete("Set-ActitoProfile -Table My"));
    }
}
