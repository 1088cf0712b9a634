using System.Net.Http;

namespace ActitoPS.Core.Http
{
    /// <summary>What the handler chain needs to know about a request beyond its HTTP form.</summary>
    internal static class RequestMetadata
    {
        private const string MayRepeatKey = "ActitoPS.MayRepeat";

        /// <summary>
        /// Whether sending the request twice has the same effect as sending it once. A request that
        /// may not be repeated is still retried when Actito refused it outright (429, 503, 401), but
        /// not when it may have been applied (a dropped connection, a gateway error).
        /// </summary>
        public static void SetMayRepeat(HttpRequestMessage request, bool mayRepeat) => request.Properties[MayRepeatKey] = mayRepeat;

        public static bool MayRepeat(HttpRequestMessage request) =>
            request.Properties.TryGetValue(MayRepeatKey, out var value) && value is bool b ? b : IsIdempotentMethod(request.Method);

        private static bool IsIdempotentMethod(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;

        /// <summary>
        /// A fresh request for another attempt: same method, URI, headers, properties and (re-readable) body.
        /// Each attempt is its own message so that nothing one attempt set leaks into the next.
        /// </summary>
        public static HttpRequestMessage CloneForRetry(HttpRequestMessage original)
        {
            var clone = new HttpRequestMessage(original.Method, original.RequestUri)
            {
                Version = original.Version,
                Content = original.Content,
            };
            foreach (var header in original.Headers)
            {
                if (header.Key == "Authorization") continue; // set again by whoever owns it, for this attempt
                clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            foreach (var property in original.Properties) clone.Properties[property.Key] = property.Value;
            return clone;
        }
    }
}
