using System.Text.Json.Serialization;

namespace ActitoPS.Emulator;

/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="Query">The query string without its '?', empty when none.</param>
/// <param name="Status">The status sent; 0 when no response was sent (dropped, or the client went away first).
/// For a drop after apply, the status the request would have had.</param>
/// <param name="Fault">The injected fault, or null.</param>
/// <param name="Limit">How a licence limit acted on the request (refused or slowed), or null.</param>
/// <param name="Authorization">"none", "apiKey" or "bearer": the kind of credential, never its value.</param>
public sealed record RequestLogEntry(
    long Sequence,
    DateTimeOffset StartedAt,
    string Method,
    string Path,
    string Query,
    int Status,
    double DurationMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Fault,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Limit,
    string Authorization);
