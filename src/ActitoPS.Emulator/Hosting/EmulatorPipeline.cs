using ActitoPS.Emulator.Admin;
using ActitoPS.Emulator.Auth;
using ActitoPS.Emulator.CustomTables;
using ActitoPS.Emulator.Faults;
using ActitoPS.Emulator.Limits;
using ActitoPS.Emulator.MassImports;
using ActitoPS.Emulator.Profiles;
using ActitoPS.Emulator.RequestLog;
using ActitoPS.Emulator.Retirement;
using ActitoPS.Emulator.State;
using ActitoPS.Emulator.Structure;
using ActitoPS.Emulator.Webhooks;

namespace ActitoPS.Emulator.Hosting;

internal static class EmulatorPipeline
{
    public static void Configure(WebApplication app, EmulatorCore core, EmulatorAdmin admin, Action requestShutdown)
    {
        // The order is the contract: log everything, then faults (before limits and auth, so an injected
        // fault hits whatever the request carries), then limits, then injected latency (inside the
        // concurrency slot), then auth, then retired APIs (a retired call still needs a token, like any call,
        // but is refused before its route reads or changes anything).
        app.UseWhen(
            context => !AdminEndpoints.IsAdminRequest(context.Request),
            api => api
                .UseRequestLog(core)
                .UseFaults(core)
                .UseLicenceLimits(core)
                .UseInjectedLatency(core)
                .UseBearerAuth(core)
                .UseRetiredApis(core));

        app.MapAdminEndpoints(admin, requestShutdown);
        app.MapTokenEndpoint(core);
        app.MapProfileEndpoints(core);
        app.MapProfileV5Endpoints(core);
        app.MapTableStructureEndpoints(core);
        app.MapCustomTableEndpoints(core);
        app.MapMassImportEndpoints(core);
        app.MapEtlDefinitionEndpoints(core);
        app.MapWebhookEndpoints(core);
    }
}
