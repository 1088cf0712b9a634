using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>-WhatIf, -Confirm and $ConfirmPreference on Set-ActitoProfile, proved by the emulator's request log.</summary>
public sealed class ShouldProcessTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    private static readonly string ThreeRows = "@(" + string.Join(", ", Enumerable.Range(1, 3).Select(i => Rows.CsvRow(("customerId", "900" + i)))) + ")";

    private int StoredProfiles => Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table).Count;

    [Fact]
    public void WhatIf_writes_nothing_and_says_what_each_row_would_do()
    {
        Connect();

        var result = Session.Render($"{ThreeRows} | Set-ActitoProfile -Table MyWebsiteProfiles -WhatIf").AssertClean();

        // The one call reads the table's structure, to check the rows; nothing is written.
        Assert.Equal(["GET /profile-table-structure/v5/entities/MyEntity/profile-tables"], Emulator.ApiCalls().Select(c => $"{c.Method} {c.Path}"));
        var whatIf = Session.UI.Lines.Where(l => l.StartsWith("What if:")).ToList();
        Assert.Equal(3, whatIf.Count);
        Assert.Contains("\"Create or update\" on target \"profile customerId=9002 (row 2) in table 'MyWebsiteProfiles'\"", whatIf[1]);
    }

    [Fact]
    public void WhatIfPreference_is_honoured_as_the_switch_is()
    {
        Connect();

        Session.Run($"$WhatIfPreference = $true; {ThreeRows} | Set-ActitoProfile -Table MyWebsiteProfiles").AssertClean();

        Assert.Empty(Emulator.ProfileWrites());
    }

    [Fact]
    public void Confirm_answered_No_sends_nothing_for_that_row_and_Yes_sends_it()
    {
        Connect();
        Session.UI.Answer(ConfirmAnswer.Yes, ConfirmAnswer.No, ConfirmAnswer.Yes);

        var result = Session.Run($"{ThreeRows} | Set-ActitoProfile -Table MyWebsiteProfiles -Confirm").AssertClean();

        Assert.Equal(3, Session.UI.Prompts.Count);
        Assert.Equal([1, 3], result.Output.Select(o => (int)Rows.Property(o, "RowNumber")!));
        Assert.Equal(2, Emulator.ProfileWrites().Count);
        Assert.Equal(2, StoredProfiles);
    }

    [Fact]
    public void Yes_to_All_asks_once_and_sends_every_row()
    {
        Connect();
        Session.UI.Answer(ConfirmAnswer.YesToAll);

        Session.Run($"{ThreeRows} | Set-ActitoProfile -Table MyWebsiteProfiles -Confirm").AssertClean();

        Assert.Single(Session.UI.Prompts);
        Assert.Equal(3, StoredProfiles);
    }

    [Fact]
    public void No_to_All_asks_once_and_sends_nothing()
    {
        Connect();
        Session.UI.Answer(ConfirmAnswer.NoToAll);

        Session.Run($"{ThreeRows} | Set-ActitoProfile -Table MyWebsiteProfiles -Confirm").AssertClean();

        Assert.Single(Session.UI.Prompts);
        Assert.Empty(Emulator.ProfileWrites());
    }

    [Fact]
    public void ConfirmPreference_Medium_asks_for_Set_ActitoProfile_and_the_default_High_does_not()
    {
        Connect();

        Session.Run($"{ThreeRows} | Set-ActitoProfile -Table MyWebsiteProfiles").AssertClean();
        Assert.Empty(Session.UI.Prompts);
        Assert.Equal(3, Emulator.ProfileWrites().Count);

        Emulator.Admin.ClearRequestLog();
        Session.UI.Answer(ConfirmAnswer.No, ConfirmAnswer.No, ConfirmAnswer.No);
        Session.Run($"$ConfirmPreference = 'Medium'; {ThreeRows} | Set-ActitoProfile -Table MyWebsiteProfiles").AssertClean();

        Assert.Equal(3, Session.UI.Prompts.Count);
        Assert.Empty(Emulator.ProfileWrites());
    }
}
