namespace ActitoPS.Emulator;

/// <summary>The names a licence's <see cref="Licence.RetiredApis"/> may hold.</summary>
public static class RetiredApiNames
{
    /// <summary>Every route under /profiles/v4/: Actito ends their service at the end of Q1 2026.</summary>
    public const string ProfilesV4 = "profilesV4";
}
