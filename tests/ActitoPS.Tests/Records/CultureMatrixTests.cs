using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using ActitoPS.Core.Http;
using ActitoPS.Core.Profiles;
using ActitoPS.Core.Records;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.Records;

/// <summary>
/// The profile JSON is byte for byte the same whatever culture the session runs in, calendars included:
/// ar-SA counts years by Umm al-Qura, th-TH by the Buddhist era (2567 for 2024), tr-TR upper-cases i as İ.
/// </summary>
public class CultureMatrixTests
{
    public static TheoryData<string> Cultures => new() { "en-US", "de-DE", "fr-BE", "nl-BE", "tr-TR", "ar-SA", "th-TH" };

    /// <summary>Every kind of value a row carries: dates, date-times, numbers, booleans, yes/no text in any case.</summary>
    private static OrderedDictionary TypedRow() => new()
    {
        ["customerId"] = 880001L,
        ["birthDate"] = new DateTime(2024, 3, 9),
        ["lastVisit"] = new DateTime(2024, 3, 9, 14, 5, 6),
        ["lastOrder"] = new DateTimeOffset(2024, 12, 31, 23, 59, 58, TimeSpan.FromHours(1)),
        ["nbChildren"] = 3,
        ["balance"] = 1234.5d,
        ["ratio"] = 0.1m,
        ["discount"] = 2.5f,
        ["bigNumber"] = 10_000_000_000L,
        ["vip"] = true,
        ["emailAddress"] = "I.Iyi@Example.com",
        ["subscriptions#Newsletter"] = "YES",
        ["SUBSCRIPTIONS#Promotions"] = "No",
        ["S_ClientType"] = "Gold",
    };

    private static byte[] ProfileJson()
    {
        var dataCollection = DataCollectionInfo.FromParameters("Web", "Form", new DateTime(2024, 3, 9, 14, 5, 6));
        var body = ProfileRequestBuilder.Build(RecordConverter.ToRecord(TypedRow()), 1, dataCollection, new DateTime(2024, 3, 9, 14, 5, 6));
        return Encoding.UTF8.GetBytes(JsonText.Write(body));
    }

    [Fact]
    public void The_cultures_of_the_matrix_really_differ_from_the_invariant_one_on_this_machine()
    {
        // Without ICU (invariant globalization) every culture would format alike and the matrix would prove nothing.
        var day = new DateTime(2024, 3, 9);
        Assert.Equal("2567", day.ToString("yyyy", new CultureInfo("th-TH")));
        Assert.IsType<UmAlQuraCalendar>(new CultureInfo("ar-SA").DateTimeFormat.Calendar);
        Assert.NotEqual("2024", day.ToString("yyyy", new CultureInfo("ar-SA")));
        Assert.Equal("1234,5", 1234.5d.ToString(new CultureInfo("de-DE")));
        Assert.Equal("İ", "i".ToUpper(new CultureInfo("tr-TR")));
    }

    [Fact]
    public void The_invariant_profile_JSON_has_Actitos_forms()
    {
        using var _ = new CultureScope("");
        var json = Encoding.UTF8.GetString(ProfileJson());

        Assert.Contains("\"value\":\"2024-03-09\"", json);
        Assert.Contains("\"value\":\"2024-03-09 14:05:06\"", json);
        Assert.Contains("\"value\":\"2024-12-31 23:59:58\"", json);
        Assert.Contains("\"value\":1234.5", json);
        Assert.Contains("\"value\":0.1", json);
        Assert.Contains("\"value\":2.5", json);
        Assert.Contains("\"value\":10000000000", json);
        Assert.Contains("\"value\":true", json);
        Assert.Contains("\"name\":\"Newsletter\",\"subscribe\":\"true\"", json);
        Assert.Contains("\"name\":\"Promotions\",\"subscribe\":\"false\"", json);
        Assert.Contains("\"date\":\"2024-03-09 14:05:06\"", json);
    }

    /// <summary>A DemoDocTickets-like table with every type a record field has.</summary>
    private static readonly ActitoPS.Core.CustomTables.CustomTable Tickets = new("Tickets", "1", null, null, [],
    [
        new("ref", "Long", true, true), new("label", "String", false, false), new("amount", "Double", false, false),
        new("paid", "Boolean", false, false), new("dueDate", "Date", false, false), new("paidAt", "Date", false, false), new("seenAt", "Date", false, false),
    ], "id", "ref");

    private static byte[] RecordJson()
    {
        var row = new ActitoRecord();
        row.Add("REF", 10_000_000_001L);
        row.Add("label", "İstanbul i/I");
        row.Add("amount", 1234.5m);
        row.Add("paid", true);
        row.Add("dueDate", new DateTime(2024, 3, 9));
        row.Add("paidAt", new DateTime(2024, 3, 9, 14, 5, 6));
        row.Add("seenAt", new DateTimeOffset(2024, 12, 31, 23, 59, 58, TimeSpan.FromHours(1)));
        var body = ActitoPS.Core.CustomTables.RecordRowCheck.Build(Tickets, row, 1, needsKey: true, create: false);
        return Encoding.UTF8.GetBytes(JsonText.Write(body));
    }

    [Fact]
    public void The_invariant_record_JSON_has_Actitos_forms()
    {
        using var _ = new CultureScope("");
        var json = Encoding.UTF8.GetString(RecordJson());

        Assert.Equal(
            "{\"properties\":[{\"name\":\"ref\",\"value\":10000000001},{\"name\":\"label\",\"value\":\"İstanbul i/I\"},{\"name\":\"amount\",\"value\":1234.5}," +
            "{\"name\":\"paid\",\"value\":true},{\"name\":\"dueDate\",\"value\":\"2024-03-09\"},{\"name\":\"paidAt\",\"value\":\"2024-03-09 14:05:06\"}," +
            "{\"name\":\"seenAt\",\"value\":\"2024-12-31T23:59:58+01:00\"}]}",
            json);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void The_record_JSON_is_byte_identical_in_every_culture(string culture)
    {
        byte[] invariant;
        using (new CultureScope("")) invariant = RecordJson();

        byte[] local;
        using (new CultureScope(culture)) local = RecordJson();

        Assert.Equal(Encoding.UTF8.GetString(invariant), Encoding.UTF8.GetString(local));
        Assert.Equal(invariant, local);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void The_profile_JSON_is_byte_identical_in_every_culture(string culture)
    {
        byte[] invariant;
        using (new CultureScope("")) invariant = ProfileJson();

        byte[] local;
        using (new CultureScope(culture)) local = ProfileJson();

        Assert.Equal(Encoding.UTF8.GetString(invariant), Encoding.UTF8.GetString(local));
        Assert.Equal(invariant, local);
    }
}
