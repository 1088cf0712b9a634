using ActitoPS.Emulator.Json;

namespace ActitoPS.Emulator.Errors;

/// <summary>
/// Actito's error body is not public; the emulator answers every validation, lookup and conflict error
/// with <c>{"errorCode","message","field"}</c> (field only when one field is at fault).
/// </summary>
internal sealed record ApiError(int Status, string ErrorCode, string Message, string? Field = null)
{
    public IResult ToResult() =>
        Results.Json(new ErrorBody(ErrorCode, Message, Field), EmulatorJson.Api, statusCode: Status);

    public static ApiError BadRequest(string errorCode, string message, string? field = null) =>
        new(StatusCodes.Status400BadRequest, errorCode, message, field);

    public static ApiError NotFound(string errorCode, string message) =>
        new(StatusCodes.Status404NotFound, errorCode, message);

    public static ApiError Conflict(string errorCode, string message) =>
        new(StatusCodes.Status409Conflict, errorCode, message);

    private sealed record ErrorBody(string ErrorCode, string Message, string? Field);
}

/// <summary>Lets deep validation code stop at the first problem without threading results through every call.</summary>
internal sealed class ApiErrorException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;
}
