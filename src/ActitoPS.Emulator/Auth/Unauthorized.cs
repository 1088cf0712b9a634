using ActitoPS.Emulator.Errors;
using Microsoft.Net.Http.Headers;

namespace ActitoPS.Emulator.Auth;

internal static class Unauthorized
{
    public const string TokenExpired = "Token expired";

    public static Task WriteAsync(HttpContext context, string message)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return MessageBody.WriteAsync(context, StatusCodes.Status401Unauthorized, message);
    }
}
