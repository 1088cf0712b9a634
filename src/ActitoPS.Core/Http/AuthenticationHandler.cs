using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace ActitoPS.Core.Http
{
    /// <summary>Puts the bearer token on each attempt; on a 401 renews it once and tries once more.</summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
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
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

            // A 401 means the call was refused before anything happened, so even a create may go again.
            _trace.Write($"{request.Method} {request.RequestUri?.PathAndQuery}: 401, renewing the access token and trying once more.");
            response.Dispose();
            var renewed = await _tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
            var again = RequestMetadata.CloneForRetry(request);
            again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.Value);
            return await base.SendAsync(again, cancellationToken).ConfigureAwait(false);
        }
    }
}
