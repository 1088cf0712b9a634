using ActitoPS.Core.Connection;

namespace ActitoPS.Tests.Connection;

public class EndpointTests
{
    [Theory]
    [InlineData(ActitoEnvironment.Api, "https://api.actito.com/")]
    [InlineData(ActitoEnvironment.Api1, "https://api1.actito.com/")]
    [InlineData(ActitoEnvironment.Api3, "https://api3.actito.com/")]
    [InlineData(ActitoEnvironment.Preprod, "https://api-pre1.actito.com/")]
    [InlineData(ActitoEnvironment.Test, "https://apitest.actito.com/")]
    public void Environments_map_to_their_documented_hosts(ActitoEnvironment environment, string expected)
    {
        Assert.Equal(new Uri(expected), ActitoEndpoint.FromEnvironment(environment));
        Assert.Equal(environment.ToString(), ActitoEndpoint.NameOf(ActitoEndpoint.FromEnvironment(environment)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080/")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://actito.example.org/proxy")]
    public void Https_anywhere_and_http_on_loopback_are_accepted(string uri)
    {
        var endpoint = ActitoEndpoint.FromUri(new Uri(uri));
        Assert.EndsWith("/", endpoint.AbsoluteUri);
        Assert.Equal("Custom", ActitoEndpoint.NameOf(endpoint));
    }

    [Fact]
    public void A_path_prefix_is_kept_for_relative_calls()
    {
        var endpoint = ActitoEndpoint.FromUri(new Uri("https://gateway.example.org/actito"));
        Assert.Equal("https://gateway.example.org/actito/auth/token", new Uri(endpoint, "auth/token").AbsoluteUri);
    }

    [Theory]
    [InlineData("http://api3.actito.com", "plain http")]
    [InlineData("http://10.0.0.5:5080", "plain http")]
    [InlineData("ftp://api3.actito.com", "only https")]
    [InlineData("https://api3.actito.com/?x=1", "query")]
    public void Unsafe_or_odd_uris_are_refused_with_a_reason(string uri, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ActitoEndpoint.FromUri(new Uri(uri)));
        Assert.Contains(reason, error.Message);
    }
}

public class TlsPolicyTests
{
    [Theory]
    [InlineData(".NET Framework 4.8.9181.0", true)]
    [InlineData(".NET 10.0.0", false)]
    [InlineData(".NET Core 3.1.32", false)]
    public void Only_the_NET_Framework_that_Windows_PowerShell_runs_on_needs_TLS_1_2_added(string description, bool expected)
    {
        Assert.Equal(expected, ActitoPS.Core.Connection.TlsPolicy.IsNetFramework(description));
    }

    // The obsolete setting is read on purpose: the point is that it stays as it was on modern .NET.
#pragma warning disable SYSLIB0014
    [Fact]
    public void On_modern_NET_the_process_wide_setting_is_left_alone()
    {
        var before = System.Net.ServicePointManager.SecurityProtocol;
        ActitoPS.Core.Connection.TlsPolicy.EnsureTls12();
        Assert.Equal(before, System.Net.ServicePointManager.SecurityProtocol);
    }
}
#pragma warning restore SYSLIB0014
