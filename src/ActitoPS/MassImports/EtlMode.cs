namespace ActitoPS.MassImports
{
    /// <summary>
    /// How an import loads its rows (-Mode of Start-ActitoEtl and New-ActitoEtl). In the cmdlet assembly for the reason
    /// Connect-Actito's parameter types are (ConnectionParameterTypes.cs); the names are Core's EtlMode, one for one.
    /// </summary>
    public enum EtlMode
    {
        CreateOrUpdate,
        CreateOnly,
        UpdateOnly,
        Delete,
    }
}
