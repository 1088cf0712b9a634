using System.Net;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>Starting and stopping servers; each test owns the servers it starts.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Port_zero_gives_a_real_loopback_port_in_BaseUri()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Licence = TestLicences.Sample() });

        Assert.True(server.BaseUri.IsLoopback);
        Assert.NotEqual(0, server.BaseUri.Port);
        Assert.EndsWith("/", server.BaseUri.AbsoluteUri);
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        using var health = await client.GetAsync("_emulator/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Without_a_licence_the_sample_licence_is_found_and_loaded()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());

        Assert.EndsWith(Path.Combine("samples", "licence.json"), server.LicenceSource);
        Assert.Equal(Licence.Load(server.LicenceSource).ToJson(), server.Admin.Licence.ToJson());
    }

    [Fact]
    public async Task A_licence_path_is_loaded()
    {
        var path = Path.Combine(Path.GetTempPath(), $"licence-{Guid.NewGuid():N}.json");
        var licence = TestLicences.Sample();
        licence.ApiKeys = ["key-from-file"];
        await File.WriteAllTextAsync(path, licence.ToJson());
        try
        {
            await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { LicencePath = path });

            Assert.Equal(Path.GetFullPath(path), server.LicenceSource);
            Assert.Equal(licence.ApiKeys, server.Admin.Licence.ApiKeys);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_licence_object_wins_over_a_licence_path()
    {
        var licence = TestLicences.Sample();
        licence.ApiKeys = ["in-memory-key"];

        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Licence = licence,
            LicencePath = Path.Combine(Path.GetTempPath(), "does-not-exist.json"),
        });

        Assert.Equal(licence.ApiKeys, server.Admin.Licence.ApiKeys);
    }

    [Fact]
    public async Task A_missing_licence_file_fails_the_start_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var error = await Assert.ThrowsAsync<LicenceException>(() => EmulatorServer.StartAsync(new EmulatorOptions { LicencePath = path }));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task Later_changes_to_the_callers_licence_object_do_not_reach_the_server()
    {
        var licence = TestLicences.Sample();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Licence = licence });

        licence.ApiKeys = ["changed-afterwards"];

        Assert.DoesNotContain("changed-afterwards", server.Admin.Licence.ApiKeys);
    }

    [Fact]
    public async Task Stopping_twice_is_harmless_and_frees_the_port()
    {
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { Licence = TestLicences.Sample() });
        var address = server.BaseUri;

        await server.StopAsync();
        await server.DisposeAsync();

        Assert.True(server.Stopped.IsCompletedSuccessfully);
        using var client = new HttpClient { BaseAddress = address };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("_emulator/health"));
    }
}
