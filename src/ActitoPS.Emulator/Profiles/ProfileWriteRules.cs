namespace ActitoPS.Emulator.Profiles;

/// <summary>
/// How a write finds its profile and what it may do there: the one-by-one POST and each ETL mode are the
/// same operation under different rules, so they share one matching and one validation.
/// </summary>
/// <param name="AllowCreate">No profile matches → create one (else PROFILE_NOT_FOUND).</param>
/// <param name="AllowUpdate">One profile matches → update it (else PROFILE_ALREADY_EXISTS).</param>
/// <param name="FullData">
/// The write is the profile's whole data (the POST): attributes it does not mention are cleared. Otherwise
/// (an ETL line) only the attributes it gives change.
/// </param>
/// <param name="Key">Match on this unique attribute only; null: on every unique attribute given (the guide's rule).</param>
/// <param name="UpdateRefusal">Why an update is refused, for the PROFILE_ALREADY_EXISTS message.</param>
internal sealed record ProfileWriteRules(bool AllowCreate, bool AllowUpdate, bool FullData, AttributeSchema? Key, string UpdateRefusal)
{
    /// <summary>POST …/profile?allowUpdate=…</summary>
    public static ProfileWriteRules Post(bool allowUpdate) => new(true, allowUpdate, true, null, "allowUpdate is false");
}
