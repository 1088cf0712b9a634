namespace ActitoPS.Core.Connection
{
    /// <summary>
    /// Which version of Actito's one-by-one profile API a connection speaks. V4 is the guide's; Actito
    /// deprecated it in favour of V5, whose write calls are not published yet (only its read is).
    /// </summary>
    public enum ActitoProfileApi
    {
        V4,
        V5,
    }
}
