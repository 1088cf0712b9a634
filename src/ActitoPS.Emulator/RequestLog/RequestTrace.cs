namespace ActitoPS.Emulator.RequestLog;

/// <summary>What the pipeline's stages learned about one request, for its log entry.</summary>
internal sealed class RequestTrace
{
    public string? Fault { get; set; }
    public string? Limit { get; set; }

    /// <summary>Set when the log must show something other than the response's status (see <see cref="RequestLogEntry.Status"/>).</summary>
    public int? StatusOverride { get; set; }

    /// <summary>
    /// Writes the log entry now. Called just before a connection is aborted, because the client learns of
    /// the abort at once and may look at the log before the pipeline has unwound.
    /// </summary>
    public Action LogNow { get; set; } = () => { };

    /// <summary>A latency fault taken before the limits, to be served once the request holds its slot.</summary>
    public int? PendingLatencyMs { get; set; }

    public static RequestTrace Of(HttpContext context) =>
        context.Features.Get<RequestTrace>() ?? throw new InvalidOperationException("The request log stage did not run.");
}
