using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace ActitoPS.Emulator.Faults;

/// <summary>
/// Holds back everything the handler writes, headers included (nothing starts the real response),
/// so an after-apply fault can still decide what, if anything, the client receives.
/// </summary>
internal sealed class BufferedResponseBody : IHttpResponseBodyFeature, IDisposable
{
    private readonly MemoryStream _buffer = new();
    private PipeWriter? _writer;

    public Stream Stream => _buffer;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_buffer, new StreamPipeWriterOptions(leaveOpen: true));

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_buffer, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync();
        }
    }

    public void Dispose() => _buffer.Dispose();
}
