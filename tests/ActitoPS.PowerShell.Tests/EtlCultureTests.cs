using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>The same typed rows written by Start-ActitoEtl -OutFile from sessions in each culture: the very same bytes.</summary>
public sealed class EtlCultureTests(EmulatorFixture emulator) : EtlInEngineTest(emulator)
{
    public static TheoryData<string> Cultures => new() { "de-DE", "fr-BE", "nl-BE", "tr-TR", "ar-SA" };

    private const string TypedRows = """
        [pscustomobject]@{
            customerId = [long]880001
            birthDate = [datetime]::new(2024, 3, 9)
            nbChildren = [int]3
            emailAddress = 'I.Iyi@Example.com'
            'subscriptions#Newsletter' = $true
            'subscriptions#Promotions' = [bool]0
            lastName = [double]1234.5
            firstName = [decimal]'1234.5'
            addressLocality = [datetime]::new(2024, 12, 31, 23, 59, 58)
        },
        [pscustomobject]@{
            customerId = [int]880002
            birthDate = [datetime]::new(1999, 1, 2)
            nbChildren = [long]0
            emailAddress = 'title.IYI@example.com'
            'subscriptions#Newsletter' = $false
            'subscriptions#Promotions' = [bool]1
            lastName = [double]-0.5
            firstName = [single]2.25
            addressLocality = [datetime]::new(2024, 2, 29, 0, 0, 1)
        }
        """;

    private const string Expected =
        "customerId,birthDate,nbChildren,emailAddress,subscriptions#Newsletter,subscriptions#Promotions,lastName,firstName,addressLocality\r\n" +
        "880001,2024-03-09,3,I.Iyi@Example.com,true,false,1234.5,1234.5,2024-12-31 23:59:58\r\n" +
        "880002,1999-01-02,0,title.IYI@example.com,false,true,-0.5,2.25,2024-02-29 00:00:01\r\n";

    /// <summary>Writes the typed rows from a new session in <paramref name="culture"/> ("" = invariant); returns the file's bytes.</summary>
    private byte[] WriteFrom(string culture)
    {
        var outFile = Path.Combine(Work, $"typed-{(culture.Length == 0 ? "invariant" : culture)}.csv.gz");
        using var session = ModuleSession.Start(culture: culture);
        var result = session.Run($"{Emulator.ConnectScript("-CallsPerMinute 0")} | Out-Null; [cultureinfo]::CurrentCulture.Name; " +
                                 $"{TypedRows} | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile {Q(outFile)}").AssertClean();
        Assert.Equal(culture, result.Text[0]);
        Assert.Equal(outFile, Prop(result.Output[1], "Path"));
        return File.ReadAllBytes(outFile);
    }

    [Fact]
    public void The_invariant_culture_writes_dates_numbers_and_booleans_as_Actito_reads_them()
    {
        var invariant = WriteFrom("");

        Assert.Equal(Expected, Gunzip(Path.Combine(Work, "typed-invariant.csv.gz")));
        Assert.NotEmpty(invariant);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_culture_writes_the_same_bytes_as_the_invariant_culture(string culture)
    {
        var invariant = WriteFrom("");
        var local = WriteFrom(culture);

        var text = Gunzip(Path.Combine(Work, $"typed-{culture}.csv.gz"));
        Assert.Contains("1234.5", text);
        Assert.DoesNotContain("1234,5", text);
        Assert.Contains(",2024-03-09,", text);
        Assert.Contains(",1999-01-02,", text);
        Assert.Equal(Expected, text);
        Assert.Equal(invariant, local);
        Assert.Empty(Uploads());
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void A_file_sent_from_any_culture_is_stored_as_written(string culture)
    {
        using var session = ModuleSession.Start(culture: culture);
        session.Run($"{Emulator.ConnectScript("-CallsPerMinute 0")} | Out-Null; {TypedRows} | Start-ActitoEtl -Table MyWebsiteProfiles -Wait | Out-Null").AssertClean();

        var first = Profile("880001")!;
        Assert.Equal("2024-03-09", first.Attributes["birthDate"]);
        Assert.Equal("1234.5", first.Attributes["lastName"]);
        Assert.Equal("2024-12-31 23:59:58", first.Attributes["addressLocality"]);
        Assert.True(first.Subscriptions["Newsletter"]);
        Assert.Equal("title.IYI@example.com", Profile("880002")!.Attributes["emailAddress"]);
    }
}
