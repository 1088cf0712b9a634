using ActitoPS.Core.CustomTables;
using ActitoPS.Core.MassImports;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Tests.MassImports;

/// <summary>What an import file must pass before it is sent: every problem at once, with the first rows concerned.</summary>
public class EtlCheckTests
{
    private static readonly ProfileTable Profiles = new("MyWebsiteProfiles", "1",
    [
        new ProfileAttribute("customerId", "INTEGER", unique: true, mandatory: false),
        new ProfileAttribute("emailAddress", "EMAIL", unique: true, mandatory: false),
        new ProfileAttribute("lastName", "STRING", false, false, maxLength: 255),
        new ProfileAttribute("birthDate", "DATE", false, false),
    ],
    ["Newsletter"],
    [new ProfileSegmentation("ClientType", ["Gold", "Silver"])]);

    private static readonly CustomTable Tickets = new("DemoDocTickets", "daf0", null, null, [],
    [
        new CustomTableField("ref", "Long", true, true), new CustomTableField("montant", "Long", false, true),
        new CustomTableField("id", "Long", true, true), new CustomTableField("creationMoment", "Date", false, true),
    ], "id", "ref");

    private static Dictionary<string, string> Cells(params (string, string)[] cells) => cells.ToDictionary(c => c.Item1, c => c.Item2);

    [Fact]
    public void Columns_map_to_fields_in_any_case_with_the_technical_name_and_the_guides_prefixes()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOrUpdate);

        var mapped = check.MapHeader(["CUSTOMERID", "email", "subscriptions#newsletter", "S_ClientType"]);

        Assert.Equal(["customerId", "subscriptions#Newsletter", "S_ClientType"], mapped.Select(m => m.Value));
        Assert.Equal(["the column 'email' maps to no field of profile table 'MyWebsiteProfiles'."], check.Problems);
    }

    [Fact]
    public void A_mapping_renames_columns_to_fields()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOrUpdate, new Dictionary<string, string> { ["email"] = "emailAddress", ["nom"] = "surname" });

        var mapped = check.MapHeader(["email", "nom"]);

        Assert.Equal([new("email", "emailAddress")], mapped);
        Assert.Equal(["the column 'nom' maps to no field of profile table 'MyWebsiteProfiles' (-Mapping names 'surname')."], check.Problems);
    }

    [Fact]
    public void Duplicate_headers_a_missing_key_and_recency_fields_outside_create_only_are_each_named()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.UpdateOnly);

        check.MapHeader(["lastName", "lastName", "lastMailOpeningMoment"]);

        Assert.Equal(
        [
            "the header 'lastName' appears 2 times.",
            "the column 'lastMailOpeningMoment' is the recency field lastMailOpeningMoment, which Actito loads only with -Mode CreateOnly.",
            "no column holds a key (customerId or emailAddress), so no row can be matched.",
        ], check.Problems);
    }

    [Fact]
    public void Create_only_loads_recency_fields_and_needs_no_key_for_profiles()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOnly);

        check.MapHeader(["lastName", "lastMailOpeningMoment"]);

        Assert.False(check.HasProblems);
    }

    [Fact]
    public void Values_that_do_not_fit_are_named_by_column_with_the_first_value_and_rows()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOrUpdate);
        check.MapHeader(["customerId", "birthDate", "S_ClientType"]);

        for (var row = 1; row <= 8; row++)
            check.CheckRow(Cells(("customerId", row % 2 == 0 ? "x" + row : row.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("birthDate", row == 3 ? "31/02/2019" : ""), ("S_ClientType", "Gold")), row);

        Assert.Equal(
        [
            "column 'customerId', rows 2, 4, 6, 8: 'x2' is not a valid INTEGER (expected a whole number).",
            "column 'birthDate', row 3: '31/02/2019' is not a valid DATE (expected yyyy-MM-dd or dd/MM/yyyy).",
        ], check.Problems);
    }

    [Fact]
    public void The_same_problem_on_many_rows_names_five_and_counts_the_rest()
    {
        var check = new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOrUpdate);
        check.MapHeader(["customerId", "S_ClientType"]);

        for (var row = 1; row <= 9; row++) check.CheckRow(Cells(("customerId", "1"), ("S_ClientType", "Platinum")), row);

        Assert.Equal(["column 'S_ClientType', rows 1, 2, 3, 4, 5 and 4 more: segmentation ClientType has no category 'Platinum'."], check.Problems);
    }

    [Fact]
    public void A_custom_table_file_needs_its_business_key_even_to_create_and_never_takes_technical_fields()
    {
        var check = new EtlCheck(EtlTarget.For(Tickets), EtlMode.CreateOnly);

        check.MapHeader(["montant", "id"]);

        Assert.Equal(
        [
            "the column 'id' maps to no field of custom table 'DemoDocTickets'.",
            "no column holds a key (ref), so no row can be matched.",
        ], check.Problems);
    }

    [Fact]
    public void A_custom_table_value_is_checked_against_its_type()
    {
        var check = new EtlCheck(EtlTarget.For(Tickets), EtlMode.CreateOrUpdate);
        check.MapHeader(["ref", "montant"]);

        check.CheckRow(Cells(("ref", "1"), ("montant", "12,5")), 7);

        Assert.Equal(["column 'montant', row 7: '12,5' is not a valid Long (expected a whole number)."], check.Problems);
    }
}
