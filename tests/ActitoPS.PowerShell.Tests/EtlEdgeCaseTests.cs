using System.Management.Automation;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// The values CSV writing gets wrong, sent through Start-ActitoEtl into the emulator's profile table, which reads
/// the file as Actito does: each must arrive exactly as the row held it, with ',' and with ';' as the separator.
/// </summary>
public sealed class EtlEdgeCaseTests(EmulatorFixture emulator) : EtlInEngineTest(emulator)
{
    /// <summary>Values of a STRING attribute (lastName), by case name, with the text that must be stored.</summary>
    private static readonly Dictionary<string, string> Values = new()
    {
        ["comma"] = "Dubois, Jr",
        ["semicolon"] = "Dubois; Jr",
        ["both separators"] = "a,b;c",
        ["double quote"] = "Jean \"Jeannot\" Dubois",
        ["quote first"] = "\"quoted\" start",
        ["CRLF"] = "first line\r\nsecond line",
        ["emoji"] = "Zoë 😀🎉 𝄞 end",
        ["leading zeros"] = "000123",
        ["spaces around"] = "  padded  ",
        ["everything"] = "x,\"y\";\r\n😀 0",
    };

    public static TheoryData<string, char> Cases()
    {
        var data = new TheoryData<string, char>();
        foreach (var name in Values.Keys)
        {
            data.Add(name, ',');
            data.Add(name, ';');
        }
        return data;
    }

    private static string Separator(char separator) => separator == ',' ? string.Empty : $" -Separator '{separator}'";

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_string_value_arrives_exactly_as_sent(string name, char separator)
    {
        ConnectFast();
        var value = Values[name];
        SetRows("rows",
            Obj(("customerId", "71001"), ("lastName", value), ("firstName", "after")),
            Obj(("customerId", "71002"), ("lastName", "plain"), ("firstName", value)));

        var result = Session.Run($"$rows | Start-ActitoEtl -Table MyWebsiteProfiles -Wait{Separator(separator)}").AssertClean();

        var execution = Assert.Single(result.Output);
        Assert.Equal("FINISHED", Prop(execution, "Status"));
        Assert.Equal(0L, Prop(execution, "LinesInError"));
        Assert.Equal(2L, Prop(execution, "Inserted"));
        Assert.Equal(value, Profile("71001")!.Attributes["lastName"]);
        Assert.Equal("after", Profile("71001")!.Attributes["firstName"]);
        Assert.Equal("plain", Profile("71002")!.Attributes["lastName"]);
        Assert.Equal(value, Profile("71002")!.Attributes["firstName"]);
        Assert.Single(Uploads());
    }

    [Theory]
    [InlineData("first line\nsecond line", ',')]
    [InlineData("first line\nsecond line", ';')]
    [InlineData("first line\rsecond line", ',')]
    [InlineData("first line\rsecond line", ';')]
    [InlineData("ends with LF\n", ',')]
    public void A_value_with_a_lone_line_feed_or_carriage_return_arrives_exactly_as_sent(string value, char separator)
    {
        ConnectFast();
        SetRows("rows", Obj(("customerId", "71003"), ("lastName", value), ("firstName", "after")));
        var outFile = Path.Combine(Work, "lone.csv.gz");

        Session.Run($"$rows | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile {Q(outFile)}{Separator(separator)}").AssertClean();
        var result = Session.Run($"$rows | Start-ActitoEtl -Table MyWebsiteProfiles -Wait{Separator(separator)}").AssertClean();

        var s = separator.ToString();
        Assert.Equal($"customerId{s}lastName{s}firstName\r\n71003{s}\"{value}\"{s}after\r\n", Gunzip(outFile));
        Assert.Equal("FINISHED", Prop(Assert.Single(result.Output), "Status"));
        Assert.Equal(value, Profile("71003")!.Attributes["lastName"]);
        Assert.Equal("after", Profile("71003")!.Attributes["firstName"]);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    public void Leading_zeros_are_kept_in_a_phone_number_and_a_string(char separator)
    {
        ConnectFast();
        SetRows("rows", Obj(("customerId", "71010"), ("gsmNumber", "0032475123456"), ("lastName", "007")));

        Session.Run($"$rows | Start-ActitoEtl -Table MyWebsiteProfiles -Wait{Separator(separator)}").AssertClean();

        var profile = Profile("71010")!;
        Assert.Equal("0032475123456", profile.Attributes["gsmNumber"]);
        Assert.Equal("007", profile.Attributes["lastName"]);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    public void An_empty_value_and_a_null_clear_the_stored_value_and_the_other_columns_still_load(char separator)
    {
        ConnectFast();
        SetRows("seed", Obj(("customerId", "71020"), ("lastName", "Before"), ("firstName", "Before"), ("addressLocality", "Before")));
        Session.Run("$seed | Start-ActitoEtl -Table MyWebsiteProfiles -Wait | Out-Null").AssertClean();
        SetRows("rows", Obj(("customerId", "71020"), ("lastName", ""), ("firstName", null), ("addressLocality", "After")));
        var outFile = Path.Combine(Work, "empty.csv.gz");

        Session.Run($"$rows | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile {Q(outFile)}{Separator(separator)}").AssertClean();
        var sent = Session.Run($"$rows | Start-ActitoEtl -Table MyWebsiteProfiles -Wait{Separator(separator)}").AssertClean();

        var s = separator.ToString();
        Assert.Equal($"customerId{s}lastName{s}firstName{s}addressLocality\r\n71020{s}{s}{s}After\r\n", Gunzip(outFile));
        Assert.Equal(1L, Prop(Assert.Single(sent.Output), "Updated"));
        var profile = Profile("71020")!;
        Assert.Null(profile.Attributes.GetValueOrDefault("lastName"));
        Assert.Null(profile.Attributes.GetValueOrDefault("firstName"));
        Assert.Equal("After", profile.Attributes["addressLocality"]);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    public void A_column_only_later_rows_have_joins_the_header_with_earlier_cells_empty_and_nothing_lost(char separator)
    {
        ConnectFast();
        SetRows("rows",
            Obj(("customerId", "71031"), ("lastName", "One")),
            Obj(("customerId", "71032"), ("lastName", "Two, \"2\"")),
            Obj(("customerId", "71033"), ("lastName", "Three"), ("firstName", "Late")),
            Obj(("customerId", "71034"), ("firstName", "Only"), ("gsmNumber", "0470000000")));
        var outFile = Path.Combine(Work, "union.csv.gz");

        var written = Session.Run($"$rows | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile {Q(outFile)}{Separator(separator)}").AssertClean();
        var sent = Session.Run($"$rows | Start-ActitoEtl -Table MyWebsiteProfiles -Wait{Separator(separator)}").AssertClean();

        var s = separator.ToString();
        Assert.Equal(string.Join("\r\n",
            $"customerId{s}lastName{s}firstName{s}gsmNumber",
            $"71031{s}One{s}{s}",
            $"71032{s}\"Two, \"\"2\"\"\"{s}{s}",
            $"71033{s}Three{s}Late{s}",
            $"71034{s}{s}Only{s}0470000000") + "\r\n", Gunzip(outFile));
        Assert.Equal(4L, Prop(Assert.Single(written.Output), "Rows"));
        var execution = Assert.Single(sent.Output);
        Assert.Equal(4L, Prop(execution, "Inserted"));
        Assert.Equal(4, Profiles().Count);
        Assert.Equal("One", Profile("71031")!.Attributes["lastName"]);
        Assert.Null(Profile("71031")!.Attributes.GetValueOrDefault("firstName"));
        Assert.Equal("Two, \"2\"", Profile("71032")!.Attributes["lastName"]);
        Assert.Equal("Late", Profile("71033")!.Attributes["firstName"]);
        Assert.Equal("Three", Profile("71033")!.Attributes["lastName"]);
        Assert.Equal("Only", Profile("71034")!.Attributes["firstName"]);
        Assert.Equal("0470000000", Profile("71034")!.Attributes["gsmNumber"]);
        Assert.Null(Profile("71034")!.Attributes.GetValueOrDefault("lastName"));
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    public void Hashtable_rows_load_like_objects(char separator)
    {
        ConnectFast();
        var rows = string.Join(", ",
            Rows.Hashtable(("customerId", "'71041'"), ("lastName", "'Hash; table, row'"), ("subscriptions#Newsletter", "$true")),
            Rows.Hashtable(("customerId", "71042"), ("firstName", "'Second'"), ("nbChildren", "2")));

        var result = Session.Run($"{rows} | Start-ActitoEtl -Table MyWebsiteProfiles -Wait{Separator(separator)}").AssertClean();

        Assert.Equal(2L, Prop(Assert.Single(result.Output), "Inserted"));
        var first = Profile("71041")!;
        Assert.Equal("Hash; table, row", first.Attributes["lastName"]);
        Assert.True(first.Subscriptions["Newsletter"]);
        var second = Profile("71042")!;
        Assert.Equal("Second", second.Attributes["firstName"]);
        Assert.Equal("2", second.Attributes["nbChildren"]);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    public void Typed_values_are_written_as_Actito_reads_them(char separator)
    {
        ConnectFast();
        const string typed = """
            [pscustomobject]@{
                customerId = [long]71051
                birthDate = [datetime]::new(2024, 3, 9)
                nbChildren = [int]3
                'subscriptions#Newsletter' = [bool]$true
                'subscriptions#Promotions' = $false
                lastName = [double]1234.5
                firstName = [datetime]::new(2024, 3, 9, 14, 5, 6)
                addressLocality = [decimal]'-0.25'
            }
            """;
        var outFile = Path.Combine(Work, "typed.csv.gz");

        Session.Run($"{typed} | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile {Q(outFile)}{Separator(separator)}").AssertClean();
        var result = Session.Run($"{typed} | Start-ActitoEtl -Table MyWebsiteProfiles -Wait{Separator(separator)}").AssertClean();

        var s = separator.ToString();
        Assert.Equal(
            $"customerId{s}birthDate{s}nbChildren{s}subscriptions#Newsletter{s}subscriptions#Promotions{s}lastName{s}firstName{s}addressLocality\r\n" +
            $"71051{s}2024-03-09{s}3{s}true{s}false{s}1234.5{s}2024-03-09 14:05:06{s}-0.25\r\n", Gunzip(outFile));
        Assert.Equal(1L, Prop(Assert.Single(result.Output), "Inserted"));
        var profile = Profile("71051")!;
        Assert.Equal("2024-03-09", profile.Attributes["birthDate"]);
        Assert.Equal("3", profile.Attributes["nbChildren"]);
        Assert.Equal("1234.5", profile.Attributes["lastName"]);
        Assert.Equal("2024-03-09 14:05:06", profile.Attributes["firstName"]);
        Assert.Equal("-0.25", profile.Attributes["addressLocality"]);
        Assert.True(profile.Subscriptions["Newsletter"]);
        Assert.False(profile.Subscriptions["Promotions"]);
    }

    [Fact]
    public void Edge_case_values_arrive_in_a_custom_table_too()
    {
        ConnectFast();
        // One row given with -InputObject: pipeline rows with -CustomTable hit a defect (EtlModeTests.Pipeline_rows_load_into_the_custom_table).
        Session.SetVariable("first", Obj(("ref", 9001L), ("refMagasin", "0042, \"Nord\";\r\n😀"), ("montant", 15), ("customerId", "00077")));
        Session.SetVariable("second", Obj(("ref", "9002"), ("refMagasin", ""), ("montant", "16"), ("customerId", "78")));

        Session.Run("Start-ActitoEtl -CustomTable DemoDocTickets -Separator ';' -InputObject $first -Wait").AssertClean();
        var result = Session.Run("Start-ActitoEtl -CustomTable DemoDocTickets -Separator ';' -InputObject $second -Wait").AssertClean();

        var execution = Assert.Single(result.Output);
        Assert.Equal("DemoDocTickets", Prop(execution, "Table"));
        Assert.Equal(2, Uploads().Count);
        Assert.Equal("CUSTOM_TABLE", Prop(execution, "TableType"));
        var ticket = Ticket("9001")!;
        Assert.Equal("0042, \"Nord\";\r\n😀", ticket.Properties["refMagasin"]);
        Assert.Equal(15L, ticket.Properties["montant"]);
        Assert.Equal(77L, ticket.Properties["customerId"]);
        // refMagasin is required: an empty value is that line's error.
        Assert.Equal(1L, Prop(execution, "LinesInError"));
        Assert.Equal(0L, Prop(execution, "Inserted"));
        Assert.Null(Ticket("9002"));
    }
}
