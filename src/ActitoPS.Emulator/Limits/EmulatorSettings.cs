namespace ActitoPS.Emulator;

/// <summary>
/// The licence limits in force, plus the emulator's own knobs. 0 for <see cref="MaxConcurrentRequests"/>,
/// <see cref="CallsPerMinute"/> or <see cref="BulkImportsPerTablePerDay"/> means unlimited.
/// </summary>
/// <param name="BulkImportsPerTablePerDay">One-shot ETL executions accepted per destination table per UTC day.</param>
/// <param name="EtlDurationMs">
/// (Emulator knob, not a licence limit) How long an accepted ETL execution stays IN_PROGRESS before it is
/// loaded; 0 loads it at once.
/// </param>
public sealed record EmulatorSettings(
    int MaxConcurrentRequests,
    int CallsPerMinute,
    int TokenLifetimeSeconds,
    int BulkImportsPerTablePerDay,
    int EtlDurationMs)
{
    /// <summary>Long enough for a client to see IN_PROGRESS once, short enough not to slow a test run.</summary>
    public const int DefaultEtlDurationMs = 200;

    public static EmulatorSettings From(LicenceLimits limits) =>
        new(limits.MaxConcurrentRequests, limits.CallsPerMinute, limits.TokenLifetimeSeconds, limits.BulkImportsPerTablePerDay, DefaultEtlDurationMs);
}

/// <summary>A partial change: null leaves a setting as it is.</summary>
public sealed class EmulatorSettingsUpdate
{
    public int? MaxConcurrentRequests { get; set; }
    public int? CallsPerMinute { get; set; }
    public int? TokenLifetimeSeconds { get; set; }
    public int? BulkImportsPerTablePerDay { get; set; }
    public int? EtlDurationMs { get; set; }
}
