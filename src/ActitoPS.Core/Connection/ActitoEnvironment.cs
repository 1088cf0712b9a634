namespace ActitoPS.Core.Connection
{
    /// <summary>The Actito API domains a licence can live on ("Manage API users" shows which).</summary>
    public enum ActitoEnvironment
    {
        Api,
        Api1,
        Api3,
        Preprod,
        Test,
    }
}
