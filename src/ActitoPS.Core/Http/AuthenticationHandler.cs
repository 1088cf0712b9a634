using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Puts the bearer token on each attempt. On a 401 it renews the token and tries again; a 401 that
    /// comes back with a fresh token is renewed again only when Actito says the token expired or is unknown
    /// (tokens expired in a row), at most <see cref="MaxRenewals"/> times a request.
    /// </summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
        internal const int MaxRenewals = 3;

        private readonly TokenProvider _tokens;
        private readonly TraceHub _trace;

        public AuthenticationHandler(TokenProvider tokens, TraceHub trace)
        {
            _tokens = tokens;
            _trace = trace;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            for (var renewals = 0; ; renewals++)
            {
                var attempt = renewals == 0 ? request : RequestMetadata.CloneForRetry(request);
                attempt.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
                var response = await base.SendAsync(attempt, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.Unauthorized || renewals == MaxRenewals) return response;
                if (renewals > 0 && !await SaysTokenIsStaleAsync(response).ConfigureAwait(false)) return response;

                // A 401 means the call was refused before anything happened, so even a create may go again.
                _trace.Write($"{request.Method} {request.RequestUri?.PathAndQuery}: 401, renewing the access token and trying again.");
                response.Dispose();
                token = await _tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Actito's 401 for an expired or unknown token, as opposed to a user who may not make the call.</summary>
        private static async Task<bool> SaysTokenIsStaleAsync(HttpResponseMessage response)
        {
            var body = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var (message, _) = ActitoErrorBody.Read(body);
            var text = message ?? body;
            return text.IndexOf("expired", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("invalid token", StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
