using ActitoPS.Core.MassImports;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Tests.MassImports;

/// <summary>The check as pipeline rows meet it: columns arrive row by row, and the whole input is never held.</summary>
public class EtlCheckIncrementalTests
{
    private static readonly ProfileTable Profiles = new("MyWebsiteProfiles", "1",
    [
        new ProfileAttribute("customerId", "INTEGER", unique: true, mandatory: false),
        new ProfileAttribute("lastName", "STRING", false, false, maxLength: 255),
        new ProfileAttribute("firstName", "STRING", false, false, maxLength: 255),
    ],
    [],
    []);

    private static KeyValuePair<string, string>[] Cells(params (string Column, string Text)[] cells) =>
        cells.Select(c => new KeyValuePair<string, string>(c.Column, c.Text)).ToArray();

    [Fact]
    public void A_key_column_a_later_row_brings_settles_the_key_and_is_not_a_problem_found_on_the_way()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.UpdateOnly);

        check.CheckRow(Cells(("lastName", "A")), 1);
        var beforeTheKey = (check.HasFoundProblems, check.HasProblems);
        check.CheckRow(Cells(("lastName", "B"), ("customerId", "2")), 2);

        // Rows keep being written while only the key is missing: a later row may bring it.
        Assert.Equal((false, true), beforeTheKey);
        Assert.False(check.HasProblems);
        Assert.Empty(check.Problems);
    }

    [Fact]
    public void The_mapping_follows_the_file_header_and_leaves_out_what_maps_to_no_field()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOrUpdate);
        check.CheckRow(Cells(("customerId", "1"), ("nickname", "x"), ("LASTNAME", "A")), 1);
        check.CheckRow(Cells(("customerId", "2"), ("lastMailOpeningMoment", "2024-01-01 00:00:00"), ("firstName", "B")), 2);

        var mapping = check.Mapping(["customerId", "nickname", "LASTNAME", "lastMailOpeningMoment", "firstName"]);

        Assert.Equal([new("customerId", "customerId"), new("LASTNAME", "lastName"), new("firstName", "firstName")], mapping);
        Assert.Equal(2, check.Problems.Count);
        Assert.True(check.HasFoundProblems);
    }

    [Fact]
    public void A_column_met_again_is_named_once_and_its_values_problems_stay_bounded()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOrUpdate);

        for (var row = 1; row <= 20_000; row++) check.CheckRow(Cells(("customerId", "n" + row), ("nickname", "x")), row);

        Assert.Equal(2, check.Problems.Count);
        Assert.Single(check.Problems, p => p.Contains("'nickname'"));
        var values = Assert.Single(check.Problems, p => p.Contains("'customerId'"));
        Assert.StartsWith($"column 'customerId', rows 1, 2, 3, 4, 5 and 19995 more: 'n1'", values);
    }

    [Fact]
    public void A_problem_reported_without_a_column_names_the_row_alone()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOrUpdate);
        check.CheckRow(Cells(("customerId", "1")), 1);

        check.Report("", 7, "the row has no property to load.");

        Assert.Equal(["row 7: the row has no property to load."], check.Problems);
    }
}
