using System.Net;
using System.Text.Json;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

public sealed class TableStructureTests : EmulatorTest
{
    private static readonly ProfileTableDefinition Definition = TestLicences.Sample().Entities[0].ProfileTables[0];

    [Fact]
    public async Task The_list_holds_every_profile_table_of_the_entity()
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync(StructurePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = Assert.Single((await ReadJsonAsync(response)).GetProperty("profileTables").EnumerateArray());
        AssertDescribes(table);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task One_table_is_found_by_id_or_by_name_in_any_case(bool byId)
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync($"{StructurePath}/{(byId ? Definition.Id : Definition.Name.ToUpperInvariant())}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertDescribes(await ReadJsonAsync(response));
    }

    [Fact]
    public async Task An_unknown_table_is_404()
    {
        await AuthenticateAsync();

        using var response = await Http.GetAsync($"{StructurePath}/NoSuchTable");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void AssertDescribes(JsonElement table)
    {
        Assert.Equal(Definition.Id, table.GetProperty("id").GetString());
        Assert.Equal(Definition.Name, table.GetProperty("name").GetString());

        var attributes = table.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(Definition.Attributes.Select(a => a.Name), attributes.Select(a => a.GetProperty("name").GetString()));
        foreach (var (expected, actual) in Definition.Attributes.Zip(attributes))
        {
            Assert.Equal(expected.ValueType, actual.GetProperty("valueType").GetString());
            Assert.Equal(expected.Unique, actual.GetProperty("unique").GetBoolean());
            Assert.Equal(expected.Mandatory, actual.GetProperty("mandatory").GetBoolean());
            Assert.Equal("CUSTOM", actual.GetProperty("type").GetString());
            Assert.False(actual.GetProperty("multiValued").GetBoolean());
            if (expected.MaxLength is { } maxLength)
            {
                Assert.Equal(maxLength, actual.GetProperty("valueRestriction").GetProperty("maxLength").GetInt32());
            }
        }

        Assert.Equal(Definition.Subscriptions, table.GetProperty("subscriptions").EnumerateArray().Select(s => s.GetProperty("name").GetString()!));
        Assert.Equal(
            Definition.Segmentations.Select(s => s.Name + ":" + string.Join(",", s.Categories)),
            table.GetProperty("segmentations").EnumerateArray().Select(s =>
                s.GetProperty("name").GetString() + ":" + string.Join(",", s.GetProperty("categories").EnumerateArray().Select(c => c.GetString()))));
    }
}
