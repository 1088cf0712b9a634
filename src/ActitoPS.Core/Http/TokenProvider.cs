using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Time;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Trades the API key for a bearer token (GET /auth/token with the raw key as Authorization),
    /// keeps it, and renews it before it expires or when Actito says it is no longer valid.
    /// One renewal at a time: concurrent callers share the result.
    /// </summary>
    internal sealed class TokenProvider
    {
        private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

        private readonly HttpMessageInvoker _invoker;
        private readonly Uri _tokenUri;
        private readonly ApiKey _key;
        private readonly string _keySource;
        private readonly IClock _clock;
        private readonly Redactor _redactor;
        private readonly TraceHub _trace;
        private readonly SemaphoreSlim _renewal = new SemaphoreSlim(1, 1);
        private AccessToken? _current;

        public TokenProvider(HttpMessageInvoker invoker, Uri baseUri, ApiKey key, string keySource, IClock clock, Redactor redactor, TraceHub trace)
        {
            _invoker = invoker;
            _tokenUri = new Uri(baseUri, "auth/token");
            _key = key;
            _keySource = keySource;
            _clock = clock;
            _redactor = redactor;
            _trace = trace;
            _redactor.AddSecret(key.Reveal());
        }

        public AccessToken? Current => _current;

        /// <summary>Raised with each new token value; tests use it to prove tokens never leak.</summary>
        internal event Action<string>? TokenIssued;

        public async Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
        {
            var token = _current;
            if (token != null && _clock.UtcNow < token.RenewAt) return token;
            await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                token = _current;
                if (token != null && _clock.UtcNow < token.RenewAt) return token;
                return _current = await FetchAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _renewal.Release();
            }
        }

        /// <summary>Called after a 401: renews unless another caller already replaced the rejected token.</summary>
        public async Task<AccessToken> RenewAsync(AccessToken rejected, CancellationToken cancellationToken)
        {
            await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var token = _current;
                if (token != null && !ReferenceEquals(token, rejected) && _clock.UtcNow < token.RenewAt) return token;
                return _current = await FetchAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _renewal.Release();
            }
        }

        private async Task<AccessToken> FetchAsync(CancellationToken cancellationToken)
        {
            var issuedAt = _clock.UtcNow;
            string body;
            int status;
            string reason;
            int attempts;
            using (var request = new HttpRequestMessage(HttpMethod.Get, _tokenUri))
            {
                // The retry handler copies every header into each new attempt, so a retried token call carries the key too.
                request.Headers.TryAddWithoutValidation("Authorization", _key.Reveal());
                request.Headers.TryAddWithoutValidation("Accept", "application/json");
                using (var response = await _invoker.SendAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    status = (int)response.StatusCode;
                    reason = response.ReasonPhrase ?? string.Empty;
                    body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                attempts = RequestMetadata.Attempts(request);
            }

            var path = _tokenUri.PathAndQuery;
            if (status < 200 || status > 299)
            {
                var safeBody = _redactor.Redact(body);
                var (message, _) = ActitoErrorBody.Read(safeBody);
                var hint = status == 401 || status == 403
                    ? $"Actito rejected the API key from {_keySource} ({status} {reason}). Check that it is the key of an API user of this licence and environment."
                    : RetryHandler.IsRetryableStatus(status)
                        ? $"Actito did not issue an access token: it answered {status} {reason} to the token request, {attempts.ToString(CultureInfo.InvariantCulture)} time(s) in a row, and retries ran out. " +
                          "Actito is unavailable or overloaded; the API key was not checked. Try again later."
                        : $"Actito answered {status} {reason} to the token request.";
                throw new ActitoApiException(message == null ? hint : $"{hint} Actito said: {message}", status, "GET", path, message, safeBody, attempts: attempts);
            }

            string? accessToken = null;
            TimeSpan? lifetime = null;
            try
            {
                if (JsonText.Parse(body) is JObject json)
                {
                    accessToken = (string?)json["accessToken"];
                    lifetime = ParseLifetime(json["expiresIn"]);
                }
            }
            catch (Newtonsoft.Json.JsonException)
            {
                // handled below: no token found
            }
            if (string.IsNullOrEmpty(accessToken))
                throw new ActitoApiException($"Actito answered {status} to the token request without an accessToken.", status, "GET", path, null, _redactor.Redact(body));

            _redactor.AddSecret(accessToken);
            TokenIssued?.Invoke(accessToken!);
            var token = new AccessToken(accessToken!, issuedAt, lifetime ?? DefaultLifetime);
            _trace.Write($"New access token, valid until {token.ExpiresAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}.");
            return token;
        }

        /// <summary>Actito writes "900s"; a bare number of seconds is accepted too.</summary>
        internal static TimeSpan? ParseLifetime(JToken? value)
        {
            if (value == null) return null;
            if (value.Type == JTokenType.Integer || value.Type == JTokenType.Float)
            {
                var seconds = value.Value<double>();
                return seconds > 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            }
            var text = ((string?)value)?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            if (text!.EndsWith("s", StringComparison.OrdinalIgnoreCase)) text = text.Substring(0, text.Length - 1);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? TimeSpan.FromSeconds(parsed)
                : (TimeSpan?)null;
        }
    }
}
