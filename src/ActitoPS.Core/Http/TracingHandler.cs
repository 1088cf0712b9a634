using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ActitoPS.Core.Http
{
    /// <summary>One line per attempt on the wire: method, path, status, duration. Never headers or bodies.</summary>
    internal sealed class TracingHandler : DelegatingHandler
    {
        private readonly TraceHub _trace;

        public TracingHandler(TraceHub trace) => _trace = trace;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var what = $"{request.Method} {request.RequestUri?.PathAndQuery}";
            var watch = Stopwatch.StartNew();
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                _trace.Write($"{what} -> {(int)response.StatusCode} {response.ReasonPhrase} ({Milliseconds(watch)})");
                return response;
            }
            catch (Exception failure)
            {
                _trace.Write($"{what} -> {(failure is OperationCanceledException ? "cancelled" : "failed: " + failure.Message)} ({Milliseconds(watch)})");
                throw;
            }
        }

        private static string Milliseconds(Stopwatch watch) => watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms";
    }
}
