using ActitoPS.Core.Http;
using ActitoPS.Core.Records;
using ActitoPS.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.Records;

public class ValueFormatterTests
{
    public static IEnumerable<object[]> Cultures() => new[] { new object[] { "de-DE" }, new object[] { "fr-BE" }, new object[] { "nl-BE" } };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Numbers_and_dates_leave_in_the_invariant_form_whatever_the_culture(string culture)
    {
        using var _ = new CultureScope(culture);

        Assert.Equal("1234.5", JsonText.Write(ValueFormatter.ToJson(1234.5m)));
        Assert.Equal("0.25", JsonText.Write(ValueFormatter.ToJson(0.25d)));
        Assert.Equal("1.1", JsonText.Write(ValueFormatter.ToJson(1.1f)));
        Assert.Equal("\"1967-05-26\"", JsonText.Write(ValueFormatter.ToJson(new DateTime(1967, 5, 26))));
        Assert.Equal("\"2019-09-10 10:10:00\"", JsonText.Write(ValueFormatter.ToJson(new DateTime(2019, 9, 10, 10, 10, 0))));
        Assert.Equal("\"2019-09-10 10:10:00\"", JsonText.Write(ValueFormatter.ToJson(new DateTimeOffset(2019, 9, 10, 10, 10, 0, TimeSpan.FromHours(2)))));
        Assert.Equal("true", JsonText.Write(ValueFormatter.ToJson(true)));
        Assert.Equal("34567", JsonText.Write(ValueFormatter.ToJson(34567)));
    }

    [Fact]
    public void Strings_are_sent_as_they_are()
    {
        Assert.Equal("\"1,5\"", JsonText.Write(ValueFormatter.ToJson("1,5")));
        Assert.Equal("\"Hélène\"", JsonText.Write(ValueFormatter.ToJson("Hélène")));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Values_Actito_cannot_store_are_refused(double value)
    {
        Assert.Throws<FormatException>(() => ValueFormatter.ToJson(value));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData(" yes ", true)]
    [InlineData("N", false)]
    [InlineData("maybe", null)]
    public void Yes_no_values_are_read_the_ways_files_write_them(string text, bool? expected)
    {
        Assert.Equal(expected, ValueFormatter.ParseYesNo(text));
    }
}
