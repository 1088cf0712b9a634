using System.Net;
using System.Text;

namespace ActitoPS.Tests.TestSupport;

/// <summary>
/// Stands in for the network: answers /auth/token with fresh tokens and every other request with the
/// next scripted answer (or 200 {} once the script runs out), recording what was sent.
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _tokenScript = new();
    private int _tokens;

    public List<SentRequest> Sent { get; } = new();

    public List<string> IssuedTokens { get; } = new();

    public string TokenLifetime { get; set; } = "900s";

    public Func<HttpRequestMessage, HttpResponseMessage>? TokenAnswer { get; set; }

    public ScriptedHandler Then(HttpStatusCode status, string body = "{}", Action<HttpResponseMessage>? shape = null)
    {
        _script.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            shape?.Invoke(response);
            return response;
        });
        return this;
    }

    /// <summary>The next request gets no answer until it is cancelled.</summary>
    public ScriptedHandler ThenHang()
    {
        _script.Enqueue(_ => throw new HangSignal());
        return this;
    }

    private sealed class HangSignal : Exception { }

    /// <summary>The next token call gets this status (with an optional Retry-After) instead of a token.</summary>
    public ScriptedHandler TokenFailsWith(HttpStatusCode status, string? retryAfter = null)
    {
        _tokenScript.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("{\"message\":\"Service unavailable\"}", Encoding.UTF8, "application/json") };
            if (retryAfter != null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            return response;
        });
        return this;
    }

    /// <summary>The next token call throws (a dropped connection).</summary>
    public ScriptedHandler TokenThrows(Exception failure)
    {
        _tokenScript.Enqueue(_ => throw failure);
        return this;
    }

    /// <summary>The next token call gets no answer until it is cancelled (a stall).</summary>
    public ScriptedHandler TokenHangs()
    {
        _tokenScript.Enqueue(_ => throw new HangSignal());
        return this;
    }

    public ScriptedHandler ThenThrow(Exception failure)
    {
        _script.Enqueue(_ => throw failure);
        return this;
    }

    public IEnumerable<SentRequest> ApiCalls => Sent.Where(s => !s.Path.EndsWith("/auth/token", StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var sent = new SentRequest(request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query,
            request.Headers.TryGetValues("Authorization", out var auth) ? auth.Single() : null, body);
        lock (Sent) Sent.Add(sent);

        if (request.RequestUri.AbsolutePath.EndsWith("/auth/token", StringComparison.Ordinal))
        {
            Func<HttpRequestMessage, HttpResponseMessage>? scripted;
            lock (_tokenScript) scripted = _tokenScript.Count > 0 ? _tokenScript.Dequeue() : null;
            if (scripted != null) return await AnswerAsync(scripted, request, cancellationToken);
            if (TokenAnswer != null) return TokenAnswer(request);
            var token = "tok-" + Interlocked.Increment(ref _tokens) + "-" + Guid.NewGuid().ToString("N");
            lock (IssuedTokens) IssuedTokens.Add(token);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"accessToken\":\"{token}\",\"tokenType\":\"bearer\",\"expiresIn\":\"{TokenLifetime}\",\"scope\":\"read write\",\"jti\":\"x\"}}", Encoding.UTF8, "application/json"),
            };
        }

        Func<HttpRequestMessage, HttpResponseMessage>? next;
        lock (_script) next = _script.Count > 0 ? _script.Dequeue() : null;
        if (next == null) return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        return await AnswerAsync(next, request, cancellationToken);
    }

    private static async Task<HttpResponseMessage> AnswerAsync(Func<HttpRequestMessage, HttpResponseMessage> answer, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return answer(request);
        }
        catch (HangSignal)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}

public sealed record SentRequest(string Method, string Path, string Query, string? Authorization, string? Body);
