using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

public sealed class CustomTableLicenceTests
{
    private static CustomTableDefinition Tickets(Licence licence) =>
        licence.Entities[0].CustomTables.Single(t => t.TechnicalName == TestLicences.CustomTable);

    [Fact]
    public void The_sample_ticket_table_indexes_the_guide_query_fields_and_its_seeds_carry_the_guide_ids()
    {
        var table = Tickets(TestLicences.Sample());

        Assert.Equal(["ref", "id", "customerId", "creationMoment", "updateMoment"], table.IndexedFields);
        Assert.Equal(
            [31L, 39, 40, 41, 42, 43],
            table.Records.Select(r => r.Properties.Single(p => p.Name == "id").Value!.Value.GetInt64()));
        Assert.All(table.Records, r => Assert.Equal(
            "2019-02-25T17:26:44+01:00",
            r.Properties.Single(p => p.Name == "creationMoment").Value!.Value.GetString()));
    }

    [Fact]
    public void A_table_without_indexedFields_keeps_them_absent_through_a_round_trip()
    {
        var licence = TestLicences.Sample();
        Tickets(licence).IndexedFields = null;

        var copy = Licence.Parse(licence.ToJson());

        Assert.Null(Tickets(copy).IndexedFields);
        Assert.DoesNotContain("indexedFields", copy.ToJson());
    }

    [Fact]
    public void Every_custom_table_problem_is_reported_with_the_others()
    {
        var licence = TestLicences.Sample();
        licence.ApiKeys = [];
        var table = Tickets(licence);
        table.IndexedFields = ["ref", "colour"];
        table.Attributes.Single(a => a.FieldName == "montant").Type = "Money";
        table.Records.Add(new CustomTableRecord { Properties = [TestLicences.Property("ref", 32), TestLicences.Property("refMagasin", "1"), TestLicences.Property("montant", 1), TestLicences.Property("customerId", 1)] });

        var error = Assert.Throws<LicenceException>(() => Licence.Parse(licence.ToJson()));

        Assert.Contains("apiKeys", error.Message);
        Assert.Contains("indexedFields names unknown field 'colour'", error.Message);
        Assert.Contains("unknown type 'Money'", error.Message);
    }

    [Fact]
    public void Seed_records_are_checked_with_the_API_rules()
    {
        var licence = TestLicences.Sample();
        var records = Tickets(licence).Records;
        records.Add(new CustomTableRecord { Properties = [TestLicences.Property("ref", 32), TestLicences.Property("refMagasin", "1"), TestLicences.Property("montant", 1), TestLicences.Property("customerId", 1)] });
        records.Add(new CustomTableRecord { Properties = [TestLicences.Property("ref", 900), TestLicences.Property("refMagasin", "1"), TestLicences.Property("montant", "lots"), TestLicences.Property("customerId", 1)] });
        records.Add(new CustomTableRecord { Properties = [TestLicences.Property("ref", 901), TestLicences.Property("refMagasin", "1"), TestLicences.Property("customerId", 1)] });
        records.Add(new CustomTableRecord { Properties = [TestLicences.Property("ref", 902), TestLicences.Property("colour", "red")] });

        var error = Assert.Throws<LicenceException>(() => Licence.Parse(licence.ToJson()));

        Assert.Contains("records[6]: business key ref=32 appears twice", error.Message);
        Assert.Contains("records[7]: Field 'montant': value 'lots'", error.Message);
        Assert.Contains("records[8] has no value for required field(s) 'montant'", error.Message);
        Assert.Contains("records[9]: field 'colour' does not exist", error.Message);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("creationMoment")]
    public void A_technical_business_key_is_refused(string businessKey)
    {
        var licence = TestLicences.Sample();
        Tickets(licence).BusinessKey = businessKey;

        var error = Assert.Throws<LicenceException>(() => Licence.Parse(licence.ToJson()));

        Assert.Contains($"businessKey '{businessKey}' is a technical field", error.Message);
    }

    [Fact]
    public void A_technical_field_of_the_wrong_type_is_refused()
    {
        var licence = TestLicences.Sample();
        Tickets(licence).Attributes.Single(a => a.FieldName == "id").Type = "String";

        var error = Assert.Throws<LicenceException>(() => Licence.Parse(licence.ToJson()));

        Assert.Contains("technical field 'id' must be of type Long", error.Message);
    }

    [Fact]
    public async Task A_loaded_licence_serves_its_custom_tables_and_an_invalid_one_is_refused_over_HTTP()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Licence = TestLicences.SampleWithOrders() });
        var licence = TestLicences.Sample();
        Tickets(licence).IndexedFields = ["nope"];

        var refused = Assert.Throws<LicenceException>(() => server.Admin.LoadLicence(licence));

        Assert.Contains("'nope'", refused.Message);
        Assert.Empty(server.Admin.GetRecords(TestLicences.Entity, TestLicences.OrdersTable));
        Assert.Equal(6, server.Admin.GetRecords("myentity", "daf01958-fef1-43fe-a921-12d82772dc2a").Count);
        Assert.Throws<KeyNotFoundException>(() => server.Admin.GetRecords(TestLicences.Entity, "NoSuchTable"));
    }
}
