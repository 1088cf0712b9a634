using ActitoPS.Emulator.Hosting;
using ActitoPS.Emulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace ActitoPS.Emulator;

/// <summary>A running emulator on real loopback HTTP, for tests (in-process) and for the command line.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorCore _core;
    private readonly Lock _stopGate = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _stopping;

    private EmulatorServer(WebApplication app, EmulatorCore core, string licenceSource)
    {
        _app = app;
        _core = core;
        Admin = new EmulatorAdmin(core);
        LicenceSource = licenceSource;
    }

    /// <summary>With a trailing slash and the real port, e.g. http://127.0.0.1:43123/.</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public EmulatorAdmin Admin { get; }

    /// <summary>The licence file's full path, or "(in-memory licence)".</summary>
    public string LicenceSource { get; }

    /// <summary>Completes once the server has stopped, however it was asked to (StopAsync, POST /_emulator/shutdown, Ctrl+C).</summary>
    public Task Stopped => _stopped.Task;

    /// <exception cref="LicenceException">The licence cannot be loaded.</exception>
    public static Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, useConsoleLifetime: false, cancellationToken);

    internal static async Task<EmulatorServer> StartAsync(EmulatorOptions options, bool useConsoleLifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (licence, source) = ResolveLicence(options);
        var core = new EmulatorCore(licence, options.TimeProvider, options.FaultSeed, options);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(options.Url);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        if (!useConsoleLifetime)
        {
            builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        }

        var app = builder.Build();
        var server = new EmulatorServer(app, core, source);
        core.Stopping = app.Lifetime.ApplicationStopping;
        EmulatorPipeline.Configure(app, core, server.Admin, app.Lifetime.StopApplication);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            core.Dispose();
            throw;
        }

        server.BaseUri = ReadBaseUri(app);

        // Ctrl+C and the shutdown endpoint only signal the host; this makes either one actually stop it.
        app.Lifetime.ApplicationStopping.Register(() => _ = Task.Run(server.StopAsync));
        return server;
    }

    /// <summary>Stops listening and releases the port. Safe to call more than once.</summary>
    public Task StopAsync()
    {
        lock (_stopGate)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopCoreAsync()
    {
        await Task.Yield();
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
            _core.Dispose();
            _stopped.TrySetResult();
        }
    }

    private static (Licence Licence, string Source) ResolveLicence(EmulatorOptions options)
    {
        if (options.Licence is not null)
        {
            LicenceValidator.ThrowIfInvalid(options.Licence);
            return (options.Licence, "(in-memory licence)");
        }

        var path = Path.GetFullPath(options.LicencePath ?? LicenceLocator.FindSampleLicence());
        return (Licence.Load(path), path);
    }

    private static Uri ReadBaseUri(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var first = addresses.FirstOrDefault() ?? throw new InvalidOperationException("The server reports no address.");
        return new Uri(first.TrimEnd('/') + "/");
    }
}
