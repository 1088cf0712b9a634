using System;
using System.Net.Http;

namespace ActitoPS.Core.Http
{
    /// <summary>What the handler chain needs to know about a request beyond its HTTP form.</summary>
    internal static class RequestMetadata
    {
        private const string MayRepeatKey = "ActitoPS.MayRepeat";
        private const string AttemptsKey = "ActitoPS.Attempts";
        private const string EarlierAttemptUncertainKey = "ActitoPS.EarlierAttemptUncertain";
        private const string ContentFactoryKey = "ActitoPS.ContentFactory";

        /// <summary>
        /// Whether sending the request twice has the same effect as sending it once. A request that
        /// may not be repeated is still retried when the answer proves nothing was done (429, 401, a refused
        /// connection), but not when it may have been applied (a dropped connection, no answer in time, a 5xx:
        /// a gateway can answer 503 after the server behind it applied the change).
        /// </summary>
        public static void SetMayRepeat(HttpRequestMessage request, bool mayRepeat) => request.Properties[MayRepeatKey] = mayRepeat;

        public static bool MayRepeat(HttpRequestMessage request) =>
            request.Properties.TryGetValue(MayRepeatKey, out var value) && value is bool b ? b : IsIdempotentMethod(request.Method);

        /// <summary>
        /// Builds the body anew for each attempt (an import file streamed from disk), so that a retry resends it
        /// without the whole file being held in memory.
        /// </summary>
        public static void SetContentFactory(HttpRequestMessage request, Func<HttpContent> factory) => request.Properties[ContentFactoryKey] = factory;

        public static Func<HttpContent>? ContentFactory(HttpRequestMessage request) =>
            request.Properties.TryGetValue(ContentFactoryKey, out var value) ? value as Func<HttpContent> : null;

        /// <summary>How many attempts the retry handler made; kept on the request the caller sent.</summary>
        public static int Attempts(HttpRequestMessage request) =>
            request.Properties.TryGetValue(AttemptsKey, out var value) && value is int n ? n : 1;

        internal static void SetAttempts(HttpRequestMessage request, int attempts) => request.Properties[AttemptsKey] = attempts;

        /// <summary>
        /// True once an attempt ended in a way that does not prove it was not applied (the connection failed
        /// after sending, no answer in time, a 5xx): a later failure may hide an earlier success.
        /// </summary>
        public static bool EarlierAttemptUncertain(HttpRequestMessage request) =>
            request.Properties.TryGetValue(EarlierAttemptUncertainKey, out var value) && value is bool b && b;

        internal static void MarkEarlierAttemptUncertain(HttpRequestMessage request) => request.Properties[EarlierAttemptUncertainKey] = true;

        private static bool IsIdempotentMethod(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;

        /// <summary>
        /// A fresh request for another attempt: same method, URI, every header, properties and (re-readable) body.
        /// Each attempt is its own message so that nothing one attempt set leaks into the next.
        /// </summary>
        public static HttpRequestMessage CloneForRetry(HttpRequestMessage original)
        {
            var clone = new HttpRequestMessage(original.Method, original.RequestUri)
            {
                Version = original.Version,
                Content = ContentFactory(original)?.Invoke() ?? original.Content,
            };
            // Every header, Authorization included: the token call carries the API key there and its
            // retry must too. The bearer handler overwrites Authorization on each attempt anyway.
            foreach (var header in original.Headers) clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            foreach (var property in original.Properties) clone.Properties[property.Key] = property.Value;
            return clone;
        }
    }
}
