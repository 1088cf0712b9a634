using System;
using System.Net.Http;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// The operation does not exist (any more) on this connection's API version. It ends the command once,
    /// rather than failing every row with the same error.
    /// </summary>
    public sealed class ActitoApiRetiredException : Exception
    {
        public ActitoApiRetiredException(string message, Exception? innerException)
            : base(message, innerException)
        {
        }

        /// <summary>
        /// 410 Gone on any call, or a 404 that cannot be about a profile (a create has no profile to miss,
        /// or Actito says the route is unknown): the operation itself is gone.
        /// </summary>
        internal static bool Says(ActitoApiException failure, HttpMethod method, string rest)
        {
            if (failure.StatusCode == 410) return true;
            if (failure.StatusCode != 404) return false;
            if (method == HttpMethod.Post && rest.StartsWith("/profile?", StringComparison.Ordinal)) return true;
            var code = failure.ResponseBody ?? string.Empty;
            return code.IndexOf("API_RETIRED", StringComparison.OrdinalIgnoreCase) >= 0 || code.IndexOf("NO_HANDLER", StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
