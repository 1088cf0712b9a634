namespace ActitoPS.Emulator.Hosting;

/// <summary><c>dotnet run --project src/ActitoPS.Emulator [--urls URL] [--licence PATH]</c></summary>
internal static class EmulatorCommandLine
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(string[] args)
    {
        // The same sources and spellings ASP.NET itself honours for --urls (ASPNETCORE_URLS, --urls=…, /urls …).
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        var options = new EmulatorOptions
        {
            Url = configuration["urls"] ?? DefaultUrl,
            LicencePath = configuration["licence"],
        };

        EmulatorServer server;
        try
        {
            server = await EmulatorServer.StartAsync(options, useConsoleLifetime: true, CancellationToken.None);
        }
        catch (LicenceException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        Console.WriteLine($"Actito emulator listening on {server.BaseUri} with licence {server.LicenceSource}");
        await server.Stopped;
        return 0;
    }
}
