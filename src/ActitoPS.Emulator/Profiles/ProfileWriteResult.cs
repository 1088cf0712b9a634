using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.Profiles;

/// <param name="Created">The write made a new profile (an ETL counts it as inserted rather than updated).</param>
internal readonly record struct ProfileWriteResult(long ProfileId, ApiError? Error, bool Created = false)
{
    public static ProfileWriteResult Ok(long profileId) => new(profileId, null);

    public static ProfileWriteResult New(long profileId) => new(profileId, null, Created: true);

    public static ProfileWriteResult Failed(ApiError error) => new(0, error);
}
