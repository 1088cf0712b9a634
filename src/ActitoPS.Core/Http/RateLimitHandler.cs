using System;
using System.Net;
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
            using (var slot = await _limiter.AcquireAsync(cancellationToken, wait =>
                _trace.Write($"{_limiter.CallsPerMinute} calls in the last minute: waiting {RetryHandler.Seconds(wait)} before {request.Method} {request.RequestUri?.PathAndQuery}.")).ConfigureAwait(false))
            {
                // The inner handlers read the whole body before returning, so the slot is held until
                // Actito is done with the request: no sixth request starts while the fifth still streams.
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == (HttpStatusCode)429 && response.Headers.RetryAfter == null && !response.Headers.Contains("Retry-After"))
                {
                    // Without Retry-After a 429 is Actito's concurrency limit: others may share the licence.
                    var lowered = _limiter.Refused(slot);
                    if (lowered.HasValue)
                        _trace.Write($"Actito refused a request with {slot.InFlightWhenSent} in flight: at most {lowered.Value} at once from now on.");
                }
                else if (response.IsSuccessStatusCode)
                {
                    _limiter.Accepted();
                }
                return response;
            }
        }
    }
}
