namespace ActitoPS.Connection
{
    // Connect-Actito's parameter types live in the cmdlet assembly, not in ActitoPS.Core: PowerShell lays out the
    // cmdlet classes (enum fields included) before the module's resolver runs, and Core loads later, from Dependencies,
    // into the module's private load context. Their names are Core's, one for one (a contract test compares them).

    /// <summary>The Actito domain a licence's API users are on (Manage API users).</summary>
    public enum ActitoEnvironment
    {
        Api,
        Api1,
        Api3,
        Preprod,
        Test,
    }

    /// <summary>Which profile API the connection uses: v4 (reads and writes) or v5 (reads).</summary>
    public enum ActitoProfileApi
    {
        V4,
        V5,
    }
}
