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
}
