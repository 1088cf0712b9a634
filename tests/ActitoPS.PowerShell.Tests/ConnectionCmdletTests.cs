using System.Management.Automation;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Connect-Actito, Get-ActitoConnection and Disconnect-Actito as a user runs them.</summary>
public sealed class ConnectionCmdletTests(EmulatorFixture emulator) : InEngineTest(emulator)
{
    private const string Row = "[pscustomobject]@{ customerId = '4242'; emailAddress = 'conn@example.com' }";

    [Fact]
    public void Connect_Actito_returns_the_connection_makes_it_current_and_says_where_the_key_came_from()
    {
        var result = Session.Run($"$c = {Emulator.ConnectScript()}; $c; Get-ActitoConnection").AssertClean();

        Assert.Equal(2, result.Output.Count);
        Assert.Same(result.Output[0].BaseObject, result.Output[1].BaseObject);
        Assert.Equal("MyEntity", Rows.Property(result.Output[0], "Entity"));
        Assert.Equal("-ApiKey parameter", Rows.Property(result.Output[0], "CredentialSource"));
        Assert.NotNull(Rows.Property(result.Output[0], "TokenExpiresAt"));
    }

    [Fact]
    public void Connect_Actito_takes_the_key_from_a_credentials_password_as_a_runbook_does()
    {
        var script = $"""
            $credential = [pscredential]::new('svc-actito', (ConvertTo-SecureString '{EmulatorFixture.ApiKey}' -AsPlainText -Force))
            Connect-Actito -Entity MyEntity -BaseUri {Emulator.BaseUri} -Credential $credential
            """;

        var connection = Session.Run(script).AssertClean().Output.Single();

        Assert.Contains("svc-actito", Rows.Property(connection, "CredentialSource")?.ToString());
    }

    [Fact]
    public void Connect_Actito_binds_entity_and_base_uri_by_property_name_from_a_settings_object()
    {
        var script = $$"""
            [pscustomobject]@{ Entity = 'MyEntity'; BaseUri = '{{Emulator.BaseUri}}' } |
                Connect-Actito -ApiKey (ConvertTo-SecureString '{{EmulatorFixture.ApiKey}}' -AsPlainText -Force)
            """;

        var connection = Session.Run(script).AssertClean().Output.Single();

        Assert.Equal("MyEntity", Rows.Property(connection, "Entity"));
        Assert.Equal(Emulator.Server.BaseUri, Rows.Property(connection, "BaseUri"));
    }

    [Fact]
    public void A_wrong_key_fails_at_connect_with_a_terminating_error_that_never_shows_the_key()
    {
        var error = Session.Catch($"Connect-Actito -Entity MyEntity -BaseUri {Emulator.BaseUri} -ApiKey (ConvertTo-SecureString 'wrong-key-123' -AsPlainText -Force)");

        Assert.Equal("ActitoHttp401,ActitoPS.Connection.ConnectActitoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("rejected the API key from -ApiKey parameter", error.Exception.Message);
        Assert.DoesNotContain("wrong-key-123", error.Exception.ToString() + error.ErrorDetails?.Message);
        Assert.Empty(Session.Run("Get-ActitoConnection").Output);
    }

    [Fact]
    public void Connect_Actito_gets_through_a_single_503_on_the_token_call()
    {
        Emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 503, PathContains = "/auth/token", RetryAfter = "0" });

        Session.Run(Emulator.ConnectScript()).AssertClean();

        var tokenCalls = Emulator.Admin.GetRequestLog().Where(e => e.Path.Contains("/auth/token")).ToList();
        Assert.Equal([503, 200], tokenCalls.Select(c => c.Status));
        Assert.All(tokenCalls, c => Assert.Equal("apiKey", c.Authorization));
    }

    [Fact]
    public void Disconnect_Actito_closes_the_current_connection_and_a_command_then_says_to_connect()
    {
        Connect();

        Assert.Empty(Session.Run("Get-ActitoConnection | Disconnect-Actito; Get-ActitoConnection").AssertClean().Output);

        var error = Session.Catch($"{Row} | Set-ActitoProfile -Table MyWebsiteProfiles");
        Assert.Equal("ActitoInvalidOperation,ActitoPS.Profiles.SetActitoProfileCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Not connected to Actito: run Connect-Actito first", error.Exception.Message);
        Assert.Empty(Emulator.ProfileWrites());
    }

    [Fact]
    public void An_explicit_connection_is_used_when_the_session_has_none_and_a_closed_one_is_a_clear_error()
    {
        var script = $"""
            $explicit = {Emulator.ConnectScript()}
            $other = {Emulator.ConnectScript()}
            Disconnect-Actito
            {Row} | Set-ActitoProfile -Table MyWebsiteProfiles -Connection $explicit
            """;
        var sent = Session.Run(script).AssertClean();
        Assert.Equal(1, Rows.Property(sent.Output.Single(), "RowNumber"));
        Assert.Single(Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table));

        var error = Session.Catch($"{Row} | Set-ActitoProfile -Table MyWebsiteProfiles -Connection $other");

        Assert.Equal("ActitoInvalidOperation,ActitoPS.Profiles.SetActitoProfileCommand", error.FullyQualifiedErrorId);
        Assert.Contains("was closed by Disconnect-Actito", error.Exception.Message);
    }

    [Fact]
    public void Set_ActitoProfile_uses_the_sessions_current_connection_when_none_is_given()
    {
        Connect();

        Session.Run($"{Row} | Set-ActitoProfile -Table MyWebsiteProfiles").AssertClean();

        Assert.Single(Emulator.ProfileWrites());
    }
}
