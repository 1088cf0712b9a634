namespace ActitoPS.Emulator;

/// <summary>The licence limits in force. 0 for <see cref="MaxConcurrentRequests"/> or <see cref="CallsPerMinute"/> means unlimited.</summary>
public sealed record EmulatorSettings(int MaxConcurrentRequests, int CallsPerMinute, int TokenLifetimeSeconds)
{
    public static EmulatorSettings From(LicenceLimits limits) =>
        new(limits.MaxConcurrentRequests, limits.CallsPerMinute, limits.TokenLifetimeSeconds);
}

/// <summary>A partial change: null leaves a setting as it is.</summary>
public sealed class EmulatorSettingsUpdate
{
    public int? MaxConcurrentRequests { get; set; }
    public int? CallsPerMinute { get; set; }
    public int? TokenLifetimeSeconds { get; set; }
}
