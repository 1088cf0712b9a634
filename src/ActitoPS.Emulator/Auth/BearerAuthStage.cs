using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Auth;

/// <summary>Every API call but the token request needs a live bearer token.</summary>
internal static class BearerAuthStage
{
    public static IApplicationBuilder UseBearerAuth(this IApplicationBuilder app, EmulatorCore core) =>
        app.Use(async (context, next) =>
        {
            if (TokenEndpoint.IsTokenRequest(context.Request))
            {
                await next(context);
                return;
            }

            if (!BearerToken.TryRead(context.Request.Headers.Authorization.ToString(), out var token))
            {
                await Unauthorized.WriteAsync(context, "Missing bearer token: send 'Authorization: Bearer <accessToken>' from GET /auth/token.");
                return;
            }

            switch (core.Tokens.Check(token))
            {
                case TokenStatus.Valid:
                    await next(context);
                    break;
                case TokenStatus.Expired:
                    await Unauthorized.WriteAsync(context, Unauthorized.TokenExpired);
                    break;
                default:
                    await Unauthorized.WriteAsync(context, "Invalid token");
                    break;
            }
        });
}
