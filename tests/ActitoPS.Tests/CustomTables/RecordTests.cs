using System.Collections.Specialized;
using ActitoPS.Core.CustomTables;
using ActitoPS.Core.Records;
using ActitoPS.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.CustomTables;

/// <summary>The guide's DemoDocTickets table, its record 32 and its POST body, as the guide prints them.</summary>
public class RecordTests
{
    private const string Structure = """
        {"id":"daf01958-fef1-43fe-a921-12d82772dc2a","entityId":1,"technicalName":"DemoDocTickets","userName":"DemoDocTickets","category":"READWRITE",
         "capabilities":["INTERACTION","EVENT_GENERATED_TABLE"],
         "attributes":[{"fieldName":"ref","type":"Long","unique":true,"required":true,"description":null},
                       {"fieldName":"refMagasin","type":"String","unique":false,"required":true,"description":null},
                       {"fieldName":"montant","type":"Long","unique":false,"required":true,"description":null},
                       {"fieldName":"customerId","type":"Long","unique":false,"required":true,"description":null},
                       {"fieldName":"updateMoment","type":"Date","unique":false,"required":true,"description":null},
                       {"fieldName":"creationMoment","type":"Date","unique":false,"required":true,"description":null},
                       {"fieldName":"id","type":"Long","unique":true,"required":true,"description":null}],
         "primaryKey":"id","businessKey":"ref","creationMoment":"2019-02-25T16:19:08+00:00","updateMoment":"2019-02-26T08:41:56+00:00"}
        """;

    private const string Record32 = """
        {"properties":[{"name":"ref","value":32},{"name":"updateMoment","value":"2019-02-25T17:26:44+01:00"},{"name":"creationMoment","value":"2019-02-25T17:26:44+01:00"},
                       {"name":"customerId","value":25716},{"name":"montant","value":123},{"name":"id","value":31},{"name":"refMagasin","value":"5"}],
         "businessKey":"32"}
        """;

    private static readonly CustomTable Table = CustomTable.Parse(JObject.Parse(Structure));

    private static ActitoRecord Row(params (string Name, object? Value)[] cells)
    {
        var record = new ActitoRecord();
        foreach (var (name, value) in cells) record.Add(name, value);
        return record;
    }

    [Fact]
    public void The_guides_structure_is_read_with_its_keys_and_technical_fields()
    {
        Assert.Equal("DemoDocTickets", Table.TechnicalName);
        Assert.Equal("ref", Table.BusinessKeyField);
        Assert.Equal("id", Table.PrimaryKeyField);
        Assert.Equal(7, Table.Fields.Count);
        Assert.True(Table.IsTechnical("ID") && Table.IsTechnical("creationMoment") && Table.IsTechnical("updateMoment"));
        Assert.False(Table.IsTechnical("ref"));
        Assert.Equal("READWRITE", Table.Category);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void The_guides_record_is_read_with_typed_fields_in_the_structures_order(string culture)
    {
        using var _ = new CultureScope(culture);

        var record = RecordReader.Read("demodoctickets", Table, JObject.Parse(Record32));

        Assert.Equal("DemoDocTickets", record.CustomTable);
        Assert.Equal("32", record.BusinessKey);
        Assert.Equal(["ref", "refMagasin", "montant", "customerId", "updateMoment", "creationMoment", "id"], record.Fields.Keys.Cast<string>());
        Assert.Equal(32L, record.Fields["ref"]);
        Assert.Equal("5", record.Fields["refMagasin"]);
        Assert.Equal(new DateTimeOffset(2019, 2, 25, 17, 26, 44, TimeSpan.FromHours(1)), record.Fields["creationMoment"]);
    }

    [Fact]
    public void The_guides_POST_body_is_what_a_row_of_its_values_builds()
    {
        var body = RecordRowCheck.Build(Table, Row(("ref", "185"), ("refMagasin", "2"), ("montant", "93"), ("customerId", "34567")), 1, needsKey: true, create: true);

        var guide = JObject.Parse("""{"properties":[{"name":"ref","value":"185"},{"name":"refMagasin","value":"2"},{"name":"montant","value":"93"},{"name":"customerId","value":"34567"}]}""");
        Assert.True(JToken.DeepEquals(guide, body), body.ToString());
    }

    [Fact]
    public void Field_names_are_matched_in_any_case_and_sent_as_the_structure_spells_them()
    {
        var body = RecordRowCheck.Build(Table, Row(("REF", 185), ("CustomerID", 34567L)), 1, needsKey: true, create: false);

        Assert.Equal(["ref", "customerId"], ((JArray)body["properties"]!).Select(p => (string)p["name"]!));
    }

    [Theory]
    [InlineData("shoeSize", "44", "has no field 'shoeSize'")]
    [InlineData("id", "7", "set by Actito itself")]
    [InlineData("creationMoment", "2024-01-01", "set by Actito itself")]
    [InlineData("montant", "12,5", "'12,5' is not a valid Long")]
    public void A_field_that_does_not_fit_is_the_rows_error_naming_it(string field, string value, string expected)
    {
        var error = Assert.Throws<ActitoRecordException>(() => RecordRowCheck.Build(Table, Row(("ref", "1"), (field, value)), 6, needsKey: true, create: false));

        Assert.Equal(6, error.RowNumber);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_row_without_its_business_key_is_refused_unless_the_key_is_in_the_call()
    {
        var row = Row(("montant", 12));

        var error = Assert.Throws<ActitoRecordException>(() => RecordRowCheck.Build(Table, row, 2, needsKey: true, create: false));

        Assert.Equal("ref", error.Field);
        RecordRowCheck.Build(Table, row, 2, needsKey: false, create: false);
    }

    [Fact]
    public void A_created_record_needs_every_required_field_but_the_technical_ones()
    {
        var error = Assert.Throws<ActitoRecordException>(() => RecordRowCheck.Build(Table, Row(("ref", 1), ("refMagasin", "2"), ("montant", 3)), 1, needsKey: true, create: true));

        Assert.Equal("customerId", error.Field);
        RecordRowCheck.Build(Table, Row(("ref", 1), ("refMagasin", "2"), ("montant", 3), ("customerId", 4)), 1, needsKey: true, create: true);
    }

    [Fact]
    public void A_record_read_edited_and_piped_back_sends_only_what_changed()
    {
        var read = RecordReader.Read("DemoDocTickets", Table, JObject.Parse(Record32));
        var current = read.Fields.Keys.Cast<string>().Select(k => new KeyValuePair<string, object?>(k, k == "montant" ? 150L : read.Fields[k])).ToList();

        var changed = new ReadBackEdit(read, current).Changed();

        Assert.Equal([("montant", (object?)150L)], changed.Select(c => (c.Key, c.Value)));
    }
}
