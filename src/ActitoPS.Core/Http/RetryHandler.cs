using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Time;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Retries what Actito asks to be retried (429, 502, 503, 504) and transient network failures,
    /// with capped attempts and total time, exponential back-off with jitter, Retry-After honoured,
    /// and every wait cancellable. Never retries other 4xx: a bad request stays bad.
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private readonly RetryOptions _options;
        private readonly IClock _clock;
        private readonly Func<double> _random;
        private readonly TraceHub _trace;

        public RetryHandler(RetryOptions options, IClock clock, Func<double> random, TraceHub trace)
        {
            _options = options;
            _clock = clock;
            _random = random;
            _trace = trace;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A body that can be built again (a file) is rebuilt per attempt; any other is buffered to be sent again.
            if (request.Content != null && !(request.Content is ByteArrayContent) && RequestMetadata.ContentFactory(request) == null)
                await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);

            var mayRepeat = RequestMetadata.MayRepeat(request);
            var started = _clock.UtcNow;
            var what = $"{request.Method} {request.RequestUri?.PathAndQuery}";

            for (var attempt = 1; ; attempt++)
            {
                var attemptRequest = attempt == 1 ? request : RequestMetadata.CloneForRetry(request);
                RequestMetadata.SetAttempts(request, attempt);
                HttpResponseMessage response;
                try
                {
                    response = await base.SendAsync(attemptRequest, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (IsTransient(failure) && !cancellationToken.IsCancellationRequested)
                {
                    var reason = Describe(failure);
                    var earlierUncertain = RequestMetadata.EarlierAttemptUncertain(request);
                    if (!NeverReachedServer(failure))
                    {
                        if (!mayRepeat)
                        {
                            throw new ActitoApiException(
                                $"{what} failed ({reason}) after the request was sent: Actito may or may not have applied it, and it is not safe to send again blindly.",
                                null, request.Method.Method, request.RequestUri?.PathAndQuery ?? string.Empty, null, null, outcomeUnknown: true, innerException: failure,
                                attempts: attempt, earlierAttemptUncertain: earlierUncertain);
                        }
                        RequestMetadata.MarkEarlierAttemptUncertain(request);
                    }
                    var delay = Backoff(attempt);
                    if (!CanRetry(attempt, started, delay))
                    {
                        // This attempt itself may have been applied too, unless it never reached the server.
                        var uncertain = RequestMetadata.EarlierAttemptUncertain(request);
                        throw new ActitoApiException(
                            $"{what} failed after {attempt} attempt(s): {reason}." + (uncertain ? " " + MayHaveBeenAppliedSentence : string.Empty),
                            null, request.Method.Method, request.RequestUri?.PathAndQuery ?? string.Empty, null, null, innerException: failure,
                            attempts: attempt, earlierAttemptUncertain: uncertain);
                    }
                    _trace.Write($"{what}: {reason}; retrying in {Seconds(delay)} (attempt {attempt + 1} of {_options.MaxAttempts}).");
                    await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var status = (int)response.StatusCode;
                if (!IsRetryableStatus(status)) return response;
                // A 5xx may hide a request that reached Actito and was applied; only a repeatable one is sent again.
                if (!mayRepeat && status >= 500) return response;

                var wait = RetryAfter(response) ?? Backoff(attempt);
                if (!CanRetry(attempt, started, wait)) return response;
                // A 5xx (unlike a 429) does not prove that the server did nothing with the request.
                if (status >= 500) RequestMetadata.MarkEarlierAttemptUncertain(request);

                _trace.Write($"{what}: Actito answered {status}; retrying in {Seconds(wait)} (attempt {attempt + 1} of {_options.MaxAttempts}).");
                response.Dispose();
                await _clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        internal const string MayHaveBeenAppliedSentence =
            "An earlier attempt may have been applied: look in Actito before sending it again.";

        internal static bool IsRetryableStatus(int status) => status == 429 || status == 502 || status == 503 || status == 504;

        private bool CanRetry(int attempt, DateTimeOffset started, TimeSpan delay) =>
            attempt < _options.MaxAttempts && _clock.UtcNow - started + delay <= _options.MaxTotalTime;

        internal TimeSpan Backoff(int attempt)
        {
            var exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
            var capped = Math.Min(exponential, _options.MaxDelay.TotalMilliseconds);
            // Half fixed, half random: spreads clients that failed together without ever waiting near zero.
            var jittered = capped * (0.5 + 0.5 * _random());
            return TimeSpan.FromMilliseconds(jittered);
        }

        private TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null)
            {
                // The typed parser rejects some forms; read the raw text too.
                if (!response.Headers.TryGetValues("Retry-After", out var raw)) return null;
                foreach (var text in raw)
                {
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                        return TimeSpan.FromSeconds(seconds);
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                        return Clamp(date - _clock.UtcNow);
                }
                return null;
            }
            if (header.Delta.HasValue) return Clamp(header.Delta.Value);
            if (header.Date.HasValue) return Clamp(header.Date.Value - _clock.UtcNow);
            return null;
        }

        private static TimeSpan Clamp(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;

        /// <summary>Network failures and an attempt that got no answer in time (see <see cref="AttemptTimeoutHandler"/>).</summary>
        private static bool IsTransient(Exception failure) =>
            failure is HttpRequestException || failure is IOException || failure is SocketException || failure is TimeoutException;

        /// <summary>A refused connection means the request never left: it is safe to send again whatever it is.</summary>
        private static bool NeverReachedServer(Exception failure)
        {
            for (var e = failure; e != null; e = e.InnerException)
            {
                if (e is SocketException socket && socket.SocketErrorCode == SocketError.ConnectionRefused) return true;
            }
            return false;
        }

        private static string Describe(Exception failure)
        {
            if (failure is TimeoutException) return failure.Message;
            for (var e = failure; e != null; e = e.InnerException)
            {
                if (e is SocketException socket) return $"network error {socket.SocketErrorCode}";
                if (e is WebException web) return $"network error {web.Status}";
            }
            return failure.InnerException?.Message ?? failure.Message;
        }

        internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture) + " s";
    }
}
