using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

public sealed class LicenceTests
{
    [Fact]
    public void The_sample_licence_holds_the_guide_table_with_its_unique_keys()
    {
        var table = TestLicences.Sample().Entities.Single(e => e.Name == TestLicences.Entity).ProfileTables.Single(t => t.Name == TestLicences.Table);
        var seedAttributes = Fixtures.ReadObject(Fixtures.CreateOrUpdateProfile)["attributes"]!.AsArray().Select(a => a!["name"]!.GetValue<string>());

        Assert.Equal(seedAttributes, table.Attributes.Select(a => a.Name));
        Assert.Equal(["emailAddress", "customerId"], table.Attributes.Where(a => a.Unique).Select(a => a.Name));
    }

    [Fact]
    public void The_sample_licence_carries_the_custom_table_of_the_guide_with_records_keyed_by_its_business_key()
    {
        var table = Assert.Single(TestLicences.Sample().Entities[0].CustomTables);

        Assert.Equal("DemoDocTickets", table.TechnicalName);
        Assert.Contains(table.Attributes, a => a.FieldName == table.BusinessKey && a.Unique);
        Assert.Contains(table.Attributes, a => a.FieldName == table.PrimaryKey);
        Assert.NotEmpty(table.Records);
        Assert.All(table.Records, r => Assert.Contains(r.Properties, p => p.Name == table.BusinessKey && p.Value is not null));
    }

    [Fact]
    public void A_licence_survives_a_round_trip_through_its_JSON()
    {
        var licence = TestLicences.Sample();

        var copy = Licence.Parse(licence.ToJson());

        Assert.Equal(licence.ToJson(), copy.ToJson());
    }

    [Fact]
    public void Every_problem_of_a_licence_is_reported_at_once()
    {
        var licence = TestLicences.Sample();
        licence.ApiKeys = [];
        var attributes = licence.Entities[0].ProfileTables[0].Attributes;
        attributes[0].ValueType = "COLOUR";
        attributes.Add(new ProfileAttributeDefinition { Name = attributes[1].Name });

        var error = Assert.Throws<LicenceException>(() => Licence.Parse(licence.ToJson()));

        Assert.Contains("apiKeys", error.Message);
        Assert.Contains("COLOUR", error.Message);
        Assert.Contains($"'{attributes[1].Name}' appears twice", error.Message);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    public void Text_that_is_not_a_licence_is_refused(string json)
    {
        Assert.Throws<LicenceException>(() => Licence.Parse(json));
    }
}
