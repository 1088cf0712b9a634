using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Every output type through Out-Default, as a prompt shows it at 120 columns.</summary>
public sealed class FormatViewTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    private IReadOnlyList<string> Shown => [.. Session.UI.Lines.Where(l => l.Trim().Length > 0)];

    [Fact]
    public void A_connection_shows_as_the_connection_table_view()
    {
        Session.Render(Emulator.ConnectScript()).AssertClean();

        var lines = Shown;
        Assert.Matches(@"^Entity\s+BaseUri\s+CredentialSource\s+TokenExpiresAt\s*$", lines[0]);
        Assert.Matches(@"^-+\s+-+\s+-+\s+-+\s*$", lines[1]);
        Assert.StartsWith($"MyEntity {Emulator.Server.BaseUri} -ApiKey parameter", lines[2]);
        Assert.Equal(3, lines.Count);
        Assert.All(Session.UI.Lines, l => Assert.True(l.Length <= 120, $"Wider than 120: '{l}'"));
    }

    [Fact]
    public void Profile_results_show_as_the_result_table_view_one_line_a_row()
    {
        Connect();
        Session.UI.Clear();

        Session.Render($"{Rows.ImportSample()} | Set-ActitoProfile -Table MyWebsiteProfiles").AssertClean();

        var lines = Shown;
        Assert.Matches(@"^RowNumber\s+Table\s+ProfileId\s*$", lines[0]);
        Assert.Matches(@"^\s*1\s+MyWebsiteProfiles\s+\d+\s*$", lines[2]);
        var csvRows = File.ReadAllLines(EmulatorFixture.SamplePath("profiles.csv")).Length - 1;
        Assert.Equal(2 + csvRows, lines.Count);
        Assert.All(Session.UI.Lines, l => Assert.True(l.Length <= 120, $"Wider than 120: '{l}'"));
    }

    [Fact]
    public void A_row_error_shows_the_row_and_Actitos_answer_in_the_error_view()
    {
        Connect();
        Session.UI.Clear();

        Session.Render($"{Rows.CsvRow(("customerId", "1"), ("shoeSize", "44"))} | Set-ActitoProfile -Table MyWebsiteProfiles");

        var shown = string.Join("\n", Session.UI.Errors.Concat(Session.UI.Lines));
        Assert.Contains("Row 1, field 'shoeSize'", shown);
        Assert.Contains("has no attribute 'shoeSize'", shown);
    }
}
