using ActitoPS.Core.Http;
using ActitoPS.Core.Profiles;
using ActitoPS.Core.Records;
using ActitoPS.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Tests.EndToEnd;

public class SeedExampleEndToEndTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public SeedExampleEndToEndTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Admin.Reset();
    }

    [Fact]
    public async Task The_guides_example_profile_goes_in_as_it_stands_and_reads_back_by_its_key()
    {
        var seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "seed-profile-create-or-update.json"));
        // As ConvertFrom-Json would hand it over: nested objects and arrays.
        var parsed = JsonInput.Parse(seed);
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        var operation = new SetProfileOperation(connection, EmulatorFixture.Table, null, host, JsonInput.Unwrap, CancellationToken.None);
        operation.Process(parsed);
        operation.Complete();

        Assert.Empty(host.Errors);
        var result = Assert.IsType<ProfileUpsertResult>(Assert.Single(host.Output));
        var read = await ProfileApis.For(connection).GetAsync(new ProfileTableRef(EmulatorFixture.Table, null), "customerId=34567", [], [], CancellationToken.None);
        Assert.Equal(result.ProfileId, ProfileReader.ReadProfileId(read));
        var attributes = ((JArray)read["attributes"]!).ToDictionary(a => (string)a["name"]!, a => a["value"]!.ToString());
        Assert.Equal("Smith", attributes["lastName"]);
        Assert.Equal("john.smith@actito.com", attributes["emailAddress"]);
        var stored = Assert.Single(_emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table));
        Assert.True(stored.Subscriptions["Newsletter"]);
        Assert.False(stored.Subscriptions["Promotions"]);
        Assert.Equal("TEST", stored.DataCollectionInformation!.Source);
    }

    [Fact]
    public async Task Reading_an_unknown_profile_is_a_404_with_Actitos_message()
    {
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        var error = await Assert.ThrowsAsync<ActitoApiException>(() =>
            ProfileApis.For(connection).GetAsync(new ProfileTableRef(EmulatorFixture.Table, null), "customerId=999999", [], [], CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("GET", error.Method);
        Assert.Contains("customerId%3D999999", error.Path);
    }
}
