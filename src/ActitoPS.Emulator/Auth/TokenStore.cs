using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ActitoPS.Emulator.Auth;

internal enum TokenStatus
{
    Valid,
    Expired,
    Unknown,
}

internal sealed record IssuedToken(string AccessToken, string Jti, long Sequence, DateTimeOffset ExpiresAt);

/// <summary>Opaque bearer tokens, kept in memory only (never logged).</summary>
internal sealed class TokenStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private long _lastSequence;
    private long _expiredUpTo;

    public IssuedToken Issue(int lifetimeSeconds)
    {
        var token = new IssuedToken(
            Base64Url(RandomNumberGenerator.GetBytes(32)),
            Guid.NewGuid().ToString(),
            Interlocked.Increment(ref _lastSequence),
            time.GetUtcNow().AddSeconds(lifetimeSeconds));
        _tokens[token.AccessToken] = token;
        return token;
    }

    public TokenStatus Check(string accessToken)
    {
        if (!_tokens.TryGetValue(accessToken, out var token))
        {
            return TokenStatus.Unknown;
        }

        var forced = token.Sequence <= Interlocked.Read(ref _expiredUpTo);
        return forced || time.GetUtcNow() >= token.ExpiresAt ? TokenStatus.Expired : TokenStatus.Valid;
    }

    /// <summary>Every token issued so far is expired from now on; tokens issued later are not affected.</summary>
    public void ExpireAll()
    {
        var last = Interlocked.Read(ref _lastSequence);
        long seen;
        do
        {
            seen = Interlocked.Read(ref _expiredUpTo);
        }
        while (seen < last && Interlocked.CompareExchange(ref _expiredUpTo, last, seen) != seen);
    }

    public void Clear() => _tokens.Clear();

    /// <summary>The values of every token issued since the last reset, oldest first.</summary>
    public IReadOnlyList<string> Values() => [.. _tokens.Values.OrderBy(t => t.Sequence).Select(t => t.AccessToken)];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
