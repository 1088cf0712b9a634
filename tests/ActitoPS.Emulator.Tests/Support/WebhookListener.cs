using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActitoPS.Emulator.Tests.Support;

/// <summary>
/// A webhook receiver for tests: a small Kestrel server on a free loopback port that records every request
/// (path, headers, body) and answers the statuses it is told to, in order, then 200.
/// </summary>
internal sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly ConcurrentQueue<ReceivedCall> _calls = new();

    private WebhookListener(WebApplication app)
    {
        _app = app;
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<ReceivedCall> Calls => _calls.ToList();

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new WebhookListener(app);
        app.Run(listener.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        listener.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return listener;
    }

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    /// <summary>The next requests are answered these statuses, one each, then 200 again.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    public Task<ReceivedCall> WaitForCallAsync(string path) => WaitForCallsAsync(path, 1).ContinueWith(t => t.Result[0], TaskScheduler.Default);

    public async Task<IReadOnlyList<ReceivedCall>> WaitForCallsAsync(string path, int count)
    {
        await Eventually.WaitUntilAsync(() => Calls.Count(c => c.Path == path) >= count, $"{count} call(s) reached {path}");
        return Calls.Where(c => c.Path == path).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _calls.Enqueue(new ReceivedCall(context.Request.Method, context.Request.Path.Value ?? "", headers, body));
        context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : StatusCodes.Status200OK;
    }
}

internal sealed record ReceivedCall(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
