using Microsoft.Extensions.Primitives;

namespace ActitoPS.Emulator.Auth;

/// <summary>Names the kind of credential a request carried, so the log can show it without ever holding the value.</summary>
internal static class AuthorizationKinds
{
    public const string None = "none";
    public const string ApiKey = "apiKey";
    public const string Bearer = "bearer";

    public static string Of(StringValues authorization)
    {
        var value = authorization.ToString();
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        return BearerToken.TryRead(value, out _) ? Bearer : ApiKey;
    }
}

internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static bool TryRead(string authorization, out string token)
    {
        if (authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            token = authorization[Scheme.Length..].Trim();
            return token.Length > 0;
        }

        token = "";
        return false;
    }
}
