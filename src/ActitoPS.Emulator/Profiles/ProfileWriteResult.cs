using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.Profiles;

internal readonly record struct ProfileWriteResult(long ProfileId, ApiError? Error)
{
    public static ProfileWriteResult Ok(long profileId) => new(profileId, null);

    public static ProfileWriteResult Failed(ApiError error) => new(0, error);
}
