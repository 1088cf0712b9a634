using System.Globalization;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Auth;

/// <summary>GET /auth/token: the raw API key in the Authorization header (no scheme) buys a bearer token.</summary>
internal static class TokenEndpoint
{
    public const string Path = "/auth/token";

    public static bool IsTokenRequest(HttpRequest request) =>
        string.Equals(request.Path.Value, Path, StringComparison.OrdinalIgnoreCase);

    public static void MapTokenEndpoint(this IEndpointRouteBuilder routes, EmulatorCore core) =>
        routes.MapGet(Path, async context =>
        {
            var key = context.Request.Headers.Authorization.ToString();
            if (key.Length == 0)
            {
                await Unauthorized.WriteAsync(context, "Missing API key: send it as the Authorization header, without a scheme.");
                return;
            }

            if (!core.State.HasApiKey(key))
            {
                await Unauthorized.WriteAsync(context, "Invalid API key");
                return;
            }

            var lifetime = core.Settings.Current.TokenLifetimeSeconds;
            var token = core.Tokens.Issue(lifetime);
            var body = new TokenResponse(
                token.AccessToken,
                "bearer",
                lifetime.ToString(CultureInfo.InvariantCulture) + "s",
                "read write",
                token.Jti);
            await context.Response.WriteAsJsonAsync(body, EmulatorJson.Api, context.RequestAborted);
        });

    private sealed record TokenResponse(string AccessToken, string TokenType, string ExpiresIn, string Scope, string Jti);
}
