namespace ActitoPS.Emulator;

/// <summary>Ready-made sets of faults, for soaks and for dry runs of a runbook against a misbehaving Actito.</summary>
public static class FaultPresets
{
    /// <summary>
    /// Every kind of fault the emulator has, spread over about <paramref name="rate"/> of all requests:
    /// 429 with and without Retry-After, 503, a connection dropped before and after the change was applied,
    /// 503 after applying, a stall of <paramref name="stallMs"/>, an expired token; and 503 on about a quarter
    /// of the token calls. Add them in order with <see cref="EmulatorAdmin.AddFault"/>.
    /// </summary>
    public static IReadOnlyList<FaultSpec> Mixed(double rate, int stallMs)
    {
        if (rate is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate must be above 0 and below 1.");
        if (stallMs < 1) throw new ArgumentOutOfRangeException(nameof(stallMs), stallMs, "The stall must last at least 1 ms.");
        List<FaultSpec> kinds =
        [
            new() { Kind = FaultKind.Status, Status = 429, RetryAfter = "1" },
            new() { Kind = FaultKind.Status, Status = 429 },
            new() { Kind = FaultKind.Status, Status = 503 },
            new() { Kind = FaultKind.Drop },
            new() { Kind = FaultKind.Drop, AfterApply = true },
            new() { Kind = FaultKind.Status, Status = 503, AfterApply = true },
            new() { Kind = FaultKind.Latency, LatencyMs = stallMs },
            new() { Kind = FaultKind.ExpireToken },
        ];
        // A request is offered each fault in turn with the same chance p, so it escapes all of them with
        // (1 - p)^n = 1 - rate.
        var each = 1 - Math.Pow(1 - rate, 1.0 / kinds.Count);
        foreach (var fault in kinds)
        {
            fault.Probability = each;
            fault.Count = int.MaxValue;
        }

        // The token calls come first: they are few, so they get their own, higher, chance.
        return [new() { Kind = FaultKind.Status, Status = 503, PathContains = "/auth/token", Probability = 0.25, Count = int.MaxValue }, .. kinds];
    }
}
