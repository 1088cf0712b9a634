using System.Collections.Specialized;
using System.Text.RegularExpressions;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

public class SecretsEndToEndTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public SecretsEndToEndTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Admin.Reset();
    }

    /// <summary>Reads every token off the wire, so the test knows exactly which strings must never appear.</summary>
    private sealed class TokenSniffer : DelegatingHandler
    {
        public List<string> Tokens { get; } = new();

        public TokenSniffer() : base(new HttpClientHandler()) { }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("/auth/token") && response.IsSuccessStatusCode)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var match = Regex.Match(await response.Content.ReadAsStringAsync(cancellationToken), "\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
                lock (Tokens) Tokens.Add(match.Groups[1].Value);
            }
            return response;
        }
    }

    [Fact]
    public void Neither_the_key_nor_any_token_appears_in_traces_errors_or_output()
    {
        _emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { TokenLifetimeSeconds = 1 });
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 503, Method = "POST", Count = 2 });
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.ExpireToken, Method = "POST", Count = 1 });
        var sniffer = new TokenSniffer();
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host, primary: () => sniffer);
        var rows = Enumerable.Range(0, 8)
            .Select(i => new OrderedDictionary { ["customerId"] = (700 + i).ToString(), ["nbChildren"] = i == 4 ? "lots" : "1" })
            .Cast<object?>()
            .ToList();
        var trace = new List<string>();
        using (connection.Trace.Subscribe(line => { lock (trace) trace.Add(line); }))
        {
            EmulatorFixture.SetProfiles(connection, host, rows.Take(4));
            Thread.Sleep(1100); // let the 1 s token lapse between the two halves
            EmulatorFixture.SetProfiles(connection, host, rows.Skip(4));
        }

        Assert.True(sniffer.Tokens.Count >= 2, "the run should have used more than one token");
        Assert.Single(host.Errors);
        var everything = string.Join("\n", trace.Concat(host.Verbose).Concat(host.Warnings)
            .Concat(host.Errors.SelectMany(e => new[] { e.Exception.ToString(), e.Details ?? string.Empty, e.RecommendedAction ?? string.Empty }))
            .Concat(host.Output.Select(o => Newtonsoft.Json.JsonConvert.SerializeObject(o)))
            .Append(Newtonsoft.Json.JsonConvert.SerializeObject(connection)));
        Assert.Contains("/auth/token", everything); // the trace did record token calls
        Assert.DoesNotContain(EmulatorFixture.ApiKey, everything);
        foreach (var token in sniffer.Tokens) Assert.DoesNotContain(token, everything);
    }

    [Fact]
    public void A_wrong_key_fails_the_connection_with_its_source_and_without_the_key()
    {
        var host = new RecordingHost();
        var request = new ConnectRequest(EmulatorFixture.Entity)
        {
            BaseUri = _emulator.Server.BaseUri,
            ReadEnvironment = name => name == ApiKeyResolver.EnvironmentVariable ? "wrong-key-0123456789" : null,
        };

        var error = Assert.Throws<ActitoApiException>(() => ConnectOperation.Run(request, host, CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("environment variable ACTITO_API_KEY", error.Message);
        var shown = error.ToString() + error.ResponseBody + string.Join("\n", host.Verbose);
        Assert.DoesNotContain("wrong-key-0123456789", shown);
    }

    [Fact]
    public void The_connection_object_carries_no_secret_and_says_where_the_key_came_from()
    {
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        Assert.Equal("environment variable ACTITO_API_KEY", connection.CredentialSource);
        Assert.Equal("Custom", connection.Environment);
        Assert.NotNull(connection.TokenExpiresAt);
        var serialized = Newtonsoft.Json.JsonConvert.SerializeObject(connection);
        Assert.DoesNotContain(EmulatorFixture.ApiKey, serialized);
        Assert.DoesNotContain("Bearer", serialized);
    }
}
