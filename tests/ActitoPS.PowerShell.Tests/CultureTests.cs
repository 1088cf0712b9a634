using System.Globalization;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>The same typed row sent from sessions in every culture Actito customers (and calendars) bring: stored alike.</summary>
[Collection(InEngineCollection.Name)]
public sealed class CultureTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    public static TheoryData<string> Cultures => new() { "en-US", "de-DE", "fr-BE", "nl-BE", "tr-TR", "ar-SA", "th-TH" };

    private const string TypedRow = """
        [pscustomobject]@{
            customerId = [long]880001
            birthDate = [datetime]::new(2024, 3, 9)
            nbChildren = [int]3
            emailAddress = 'I.Iyi@Example.com'
            'subscriptions#Newsletter' = 'YES'
        } | Set-ActitoProfile -Table MyWebsiteProfiles -DataCollectionSource Web -DataCollectionWay Form -DataCollectionDate ([datetime]::new(2024, 3, 9, 14, 5, 6))
        """;

    private (IReadOnlyDictionary<string, string?> Attributes, string? Date, bool Newsletter) SendFrom(string? culture)
    {
        emulator.Admin.Reset();
        using var session = ModuleSession.Start(culture: culture);
        var shown = session.Run($"{emulator.ConnectScript()} | Out-Null; [cultureinfo]::CurrentCulture.Name; {TypedRow} | Out-Null").AssertClean();
        Assert.Equal(culture ?? CultureInfo.CurrentCulture.Name, shown.Text.Single());
        var profile = Assert.Single(emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table));
        return (profile.Attributes, profile.DataCollectionInformation?.Date, profile.Subscriptions["Newsletter"]);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void A_typed_row_is_stored_the_same_from_a_session_in_any_culture(string culture)
    {
        var invariant = SendFrom("");
        var local = SendFrom(culture);

        Assert.Equal("2024-03-09", invariant.Attributes["birthDate"]);
        Assert.Equal("880001", invariant.Attributes["customerId"]);
        Assert.Equal(invariant.Attributes.OrderBy(a => a.Key), local.Attributes.OrderBy(a => a.Key));
        Assert.Equal(invariant.Date, local.Date);
        Assert.True(local.Newsletter);
    }
}
