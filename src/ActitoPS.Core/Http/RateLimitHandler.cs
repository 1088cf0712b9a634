using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ActitoPS.Core.Http
{
    internal sealed class RateLimitHandler : DelegatingHandler
    {
        private readonly RateLimiter _limiter;
        private readonly TraceHub _trace;

        public RateLimitHandler(RateLimiter limiter, TraceHub trace)
        {
            _limiter = limiter;
            _trace = trace;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using (await _limiter.AcquireAsync(cancellationToken, wait =>
                _trace.Write($"{_limiter.CallsPerMinute} calls in the last minute: waiting {RetryHandler.Seconds(wait)} before {request.Method} {request.RequestUri?.PathAndQuery}.")).ConfigureAwait(false))
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                // The request is only over for Actito once its body is read; holding the slot until
                // then keeps us from starting a sixth request while the fifth is still streaming.
                if (response.Content != null) await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                return response;
            }
        }
    }
}
