using System.Collections.Specialized;
using ActitoPS.Core.Http;
using ActitoPS.Core.Profiles;
using ActitoPS.Core.Records;
using ActitoPS.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.Profiles;

public class ProfileRequestBuilderTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 10, 30, 0);

    private static ActitoRecord Row(params (string Name, object? Value)[] fields)
    {
        var record = new ActitoRecord();
        foreach (var (name, value) in fields) record.Add(name, value);
        return record;
    }

    [Fact]
    public void A_flat_csv_row_becomes_attributes_subscriptions_and_segmentations()
    {
        var row = Row(("customerId", "34567"), ("lastName", "Smith"), ("firstName", ""), ("subscriptions#Newsletter", "Y"),
            ("subscriptions#Promotions", "0"), ("S_ClientType", " Gold "));

        var body = ProfileRequestBuilder.Build(row, 1, new DataCollectionInfo("TEST", "website registering", new DateTime(2019, 9, 10)), Now);

        Assert.Equal(
            "{\"attributes\":[{\"name\":\"customerId\",\"value\":\"34567\"},{\"name\":\"lastName\",\"value\":\"Smith\"}]," +
            "\"subscriptions\":[{\"name\":\"Newsletter\",\"subscribe\":\"true\"},{\"name\":\"Promotions\",\"subscribe\":\"false\"}]," +
            "\"segmentations\":[{\"belongs\":\"true\",\"segmentation\":{\"name\":\"ClientType\",\"category\":\"Gold\"}}]," +
            "\"dataCollectionInformation\":{\"date\":\"2019-09-10 00:00:00\",\"source\":\"TEST\",\"way\":\"website registering\"}}",
            JsonText.Write(body));
    }

    [Fact]
    public void A_subscription_change_without_consent_information_names_the_row_and_field()
    {
        var row = Row(("customerId", "1"), ("subscriptions#Newsletter", "true"));

        var error = Assert.Throws<ActitoRecordException>(() => ProfileRequestBuilder.Build(row, 4, null, Now));

        Assert.Equal(4, error.RowNumber);
        Assert.Equal("subscriptions#Newsletter", error.Field);
        Assert.StartsWith("Row 4, field 'subscriptions#Newsletter':", error.Message);
        Assert.Contains("-DataCollectionSource", error.Message);
    }

    [Fact]
    public void A_yes_no_column_with_another_value_names_the_row_field_and_value()
    {
        var row = Row(("customerId", "1"), ("subscriptions#Newsletter", "perhaps"));

        var error = Assert.Throws<ActitoRecordException>(() => ProfileRequestBuilder.Build(row, 2, new DataCollectionInfo("s", "w", null), Now));

        Assert.Equal("subscriptions#Newsletter", error.Field);
        Assert.Contains("'perhaps'", error.Message);
    }

    [Fact]
    public void A_row_with_only_empty_cells_is_refused()
    {
        var error = Assert.Throws<ActitoRecordException>(() => ProfileRequestBuilder.Build(Row(("a", ""), ("b", null), ("c", "  ")), 9, null, Now));
        Assert.Equal("Row 9: the row has no value to send (every cell is empty).", error.Message);
    }

    [Fact]
    public void The_consent_date_defaults_to_the_time_of_sending()
    {
        var body = ProfileRequestBuilder.Build(Row(("customerId", 5)), 1, new DataCollectionInfo("Shop", "till", null), Now);
        Assert.Equal("2026-11-22 10:30:00", (string?)body["dataCollectionInformation"]!["date"]);
    }

    [Fact]
    public void The_seed_example_in_Actitos_shape_is_sent_exactly_as_it_stands()
    {
        var seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seed-profile-create-or-update.json"));
        // What ConvertFrom-Json hands a cmdlet: nested objects and arrays, read into a record.
        var parsed = JsonInput.Parse(seed);
        var record = RecordConverter.ToRecord(parsed, JsonInput.Unwrap);

        var body = ProfileRequestBuilder.Build(record, 1, null, Now);

        Assert.True(JToken.DeepEquals(JsonText.Parse(seed), body), JsonText.Write(body));
    }

    [Fact]
    public void Both_or_neither_of_source_and_way_are_required()
    {
        Assert.Null(DataCollectionInfo.FromParameters(null, " ", null));
        Assert.Throws<ArgumentException>(() => DataCollectionInfo.FromParameters("Shop", null, null));
        Assert.Throws<ArgumentException>(() => DataCollectionInfo.FromParameters(null, "till", null));
        Assert.Throws<ArgumentException>(() => DataCollectionInfo.FromParameters(null, null, Now));
        Assert.Equal("Shop", DataCollectionInfo.FromParameters("Shop", "till", null)!.Source);
    }

    [Fact]
    public void An_object_in_Actitos_shape_with_a_stray_field_is_refused_by_name()
    {
        var record = RecordConverter.ToRecord(new OrderedDictionary
        {
            ["attributes"] = new[] { new Dictionary<string, object> { ["name"] = "lastName", ["value"] = "Smith" } },
            ["lastName"] = "Smith",
        });

        var error = Assert.Throws<ActitoRecordException>(() => ProfileRequestBuilder.Build(record, 3, null, Now));
        Assert.Equal("lastName", error.Field);
    }
}
