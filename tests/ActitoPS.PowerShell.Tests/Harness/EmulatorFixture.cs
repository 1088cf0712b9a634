using ActitoPS.Emulator;

namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>One emulator per test class on a free loopback port, with the sample licence.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string Entity = "MyEntity";
    public const string Table = "MyWebsiteProfiles";
    public const string ApiKey = "local-dev-key";

    public EmulatorServer Server { get; private set; } = null!;

    public EmulatorAdmin Admin => Server.Admin;

    /// <summary>http://127.0.0.1:port, without the trailing slash, as a user types it.</summary>
    public string BaseUri => Server.BaseUri.ToString().TrimEnd('/');

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>The README's Connect-Actito line against this emulator.</summary>
    public string ConnectScript(string extra = "") =>
        $"Connect-Actito -Entity {Entity} -BaseUri {BaseUri} -ApiKey (ConvertTo-SecureString '{ApiKey}' -AsPlainText -Force) {extra}";

    public async Task InitializeAsync() =>
        Server = await EmulatorServer.StartAsync(new EmulatorOptions { LicencePath = SamplePath("licence.json") });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Requests the module sent, token calls and admin calls aside.</summary>
    public IReadOnlyList<RequestLogEntry> ApiCalls() =>
        [.. Admin.GetRequestLog().Where(e => !e.Path.Contains("/auth/token", StringComparison.OrdinalIgnoreCase))];

    /// <summary>Profile writes (POST or PUT on a profile) that reached the emulator.</summary>
    public IReadOnlyList<RequestLogEntry> ProfileWrites() =>
        [.. Admin.GetRequestLog().Where(e => (e.Method == "POST" || e.Method == "PUT") && e.Path.Contains("/profile", StringComparison.OrdinalIgnoreCase))];
}
