using System.Globalization;
using System.Text.Json.Serialization;

namespace ActitoPS.Emulator;

public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultSpec.Status"/> and <c>{"message":"Injected fault"}</c>.</summary>
    Status,

    /// <summary>Wait <see cref="FaultSpec.LatencyMs"/>, then handle the request normally.</summary>
    Latency,

    /// <summary>Abort the connection without any response.</summary>
    Drop,

    /// <summary>Answer 401 "Token expired" whatever the token.</summary>
    ExpireToken,
}

/// <summary>A fault to inject into the next <see cref="Count"/> matching requests.</summary>
public sealed class FaultSpec
{
    [JsonRequired]
    public FaultKind Kind { get; set; }

    /// <summary>Only requests with this HTTP method (any case); null matches all.</summary>
    public string? Method { get; set; }

    /// <summary>Only requests whose path contains this text (any case); null matches all.</summary>
    public string? PathContains { get; set; }

    /// <summary>How many requests it still applies to.</summary>
    public int Count { get; set; } = 1;

    /// <summary>For <see cref="FaultKind.Status"/>; 503 when absent.</summary>
    public int? Status { get; set; }

    /// <summary>Sent verbatim as the Retry-After header of a status fault: seconds or an HTTP date.</summary>
    public string? RetryAfter { get; set; }

    public int? LatencyMs { get; set; }

    /// <summary>
    /// The chance (above 0, at most 1) that a matching request gets this fault; a request it passes over
    /// tries the next matching fault. Null: every matching request, until <see cref="Count"/> runs out.
    /// Count still bounds how many requests get it.
    /// </summary>
    public double? Probability { get; set; }

    /// <summary>
    /// For <see cref="FaultKind.Drop"/> and <see cref="FaultKind.Status"/>: handle the request and apply its
    /// effects first, then drop the connection or replace the real answer by the injected status.
    /// </summary>
    public bool AfterApply { get; set; }

    public FaultSpec Clone() => (FaultSpec)MemberwiseClone();

    /// <summary>The request log's one-line account of what was injected.</summary>
    public string Describe() => DescribeKind() + (Probability is { } p ? string.Create(CultureInfo.InvariantCulture, $" (p={p:0.###})") : "");

    private string DescribeKind() => Kind switch
    {
        FaultKind.Status => string.Create(CultureInfo.InvariantCulture,
            $"status {Status ?? 503}{(RetryAfter is null ? "" : $", Retry-After: {RetryAfter}")}{(AfterApply ? " after apply" : "")}"),
        FaultKind.Latency => string.Create(CultureInfo.InvariantCulture, $"latency {LatencyMs} ms"),
        FaultKind.Drop => AfterApply ? "drop after apply" : "drop",
        FaultKind.ExpireToken => "expireToken",
        _ => Kind.ToString(),
    };
}
