using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Bounds one attempt on the wire, response body included. It sits after the rate limiter, so
    /// time spent waiting for a slot never counts: a timeout here means the request really was sent.
    /// </summary>
    internal sealed class AttemptTimeoutHandler : DelegatingHandler
    {
        private readonly TimeSpan _timeout;

        public AttemptTimeoutHandler(TimeSpan timeout) => _timeout = timeout;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(_timeout);
                try
                {
                    var response = await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
                    if (response.Content != null) await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                    return response;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && attempt.IsCancellationRequested)
                {
                    throw new TimeoutException($"no answer within {RetryHandler.Seconds(_timeout)}");
                }
            }
        }
    }
}
