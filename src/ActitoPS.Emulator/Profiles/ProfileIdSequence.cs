namespace ActitoPS.Emulator.Profiles;

/// <summary>Profile ids start where the guide's example response does, so its examples read naturally.</summary>
internal sealed class ProfileIdSequence
{
    public const long FirstId = 1147690;

    private long _last = FirstId - 1;

    public long Next() => Interlocked.Increment(ref _last);
}
