using System.Security;
using ActitoPS.Core.Connection;

namespace ActitoPS.Tests.Connection;

public class ApiKeyResolverTests
{
    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }

    private static string? NoEnvironment(string _) => null;

    [Fact]
    public void ApiKey_parameter_is_used_and_its_source_named()
    {
        var resolved = ApiKeyResolver.Resolve(Secure("key-from-parameter"), null, null, NoEnvironment);
        Assert.Equal("key-from-parameter", resolved.Key.Reveal());
        Assert.Equal("-ApiKey parameter", resolved.Source);
    }

    [Fact]
    public void Credential_password_is_the_key_and_the_user_name_is_the_source()
    {
        var resolved = ApiKeyResolver.Resolve(null, "svc-actito", Secure("key-in-password"), _ => "ignored-env-key");
        Assert.Equal("key-in-password", resolved.Key.Reveal());
        Assert.Equal("-Credential 'svc-actito'", resolved.Source);
    }

    [Fact]
    public void Environment_variable_is_the_fallback()
    {
        var resolved = ApiKeyResolver.Resolve(null, null, null, name => name == "ACTITO_API_KEY" ? "  env-key-value  " : null);
        Assert.Equal("env-key-value", resolved.Key.Reveal());
        Assert.Contains("ACTITO_API_KEY", resolved.Source);
        Assert.DoesNotContain("env-key-value", resolved.Source);
    }

    [Fact]
    public void No_key_anywhere_says_every_way_to_give_one()
    {
        var error = Assert.Throws<ArgumentException>(() => ApiKeyResolver.Resolve(null, null, null, NoEnvironment));
        Assert.Contains("-ApiKey", error.Message);
        Assert.Contains("-Credential", error.Message);
        Assert.Contains("ACTITO_API_KEY", error.Message);
    }

    [Fact]
    public void Both_parameters_at_once_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => ApiKeyResolver.Resolve(Secure("a-key-1"), "u", Secure("a-key-2"), NoEnvironment));
    }

    [Fact]
    public void The_key_never_shows_through_ToString()
    {
        var key = new ApiKey("super-secret-key");
        Assert.DoesNotContain("super-secret-key", key.ToString());
        Assert.DoesNotContain("super-secret-key", $"{key}");
    }
}
