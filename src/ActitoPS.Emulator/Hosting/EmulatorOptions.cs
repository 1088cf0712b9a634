namespace ActitoPS.Emulator;

public sealed class EmulatorOptions
{
    /// <summary>Port 0 picks a free port; <see cref="EmulatorServer.BaseUri"/> gives the real one.</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    public string? LicencePath { get; set; }

    /// <summary>Wins over <see cref="LicencePath"/>; when both are null the sample licence (samples/licence.json) is loaded.</summary>
    public Licence? Licence { get; set; }

    /// <summary>The clock behind token lifetimes and the call-rate window; tests may substitute their own.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Seeds the draws of faults added with a probability, so a soak can be replayed; null: a random seed.</summary>
    public int? FaultSeed { get; set; }

    /// <summary>Attempts of a webhook call, the first included (at least 1): a failed one is retried up to this many times in all.</summary>
    public int WebhookMaxAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry of a webhook call; it doubles before each next one (1 s, 2 s, 4 s by default).</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an attempt waits for the receiver's answer before it counts as failed.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
