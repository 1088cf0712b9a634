using ActitoPS.Emulator.Json;

namespace ActitoPS.Emulator.Errors;

/// <summary>The bare <c>{"message"}</c> body used where the brief fixes it: 401, 429 and injected faults.</summary>
internal static class MessageBody
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Body(message), EmulatorJson.Api, context.RequestAborted);
    }

    public static IResult Result(int status, string message) =>
        Results.Json(new Body(message), EmulatorJson.Api, statusCode: status);

    private sealed record Body(string Message);
}
