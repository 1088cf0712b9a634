using Microsoft.Extensions.Hosting;

namespace ActitoPS.Emulator.Hosting;

/// <summary>
/// For in-process servers: the default console lifetime would take over the host process's Ctrl+C and
/// SIGTERM handling, which belongs to the test runner.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
