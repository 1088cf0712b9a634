using System;

namespace ActitoPS.Core.Http
{
    /// <summary>
    /// Every failure of a call to Actito: an HTTP error status, or a transport failure once retries
    /// are spent. It names the request by method and path only; headers (and so credentials) are never kept.
    /// </summary>
    public sealed class ActitoApiException : Exception
    {
        public ActitoApiException(string message, int? statusCode, string method, string path, string? actitoMessage, string? responseBody,
            string? field = null, bool outcomeUnknown = false, Exception? innerException = null, int attempts = 1, bool earlierAttemptUncertain = false)
            : base(message, innerException)
        {
            Attempts = attempts;
            EarlierAttemptUncertain = earlierAttemptUncertain;
            StatusCode = statusCode;
            Method = method;
            Path = path;
            ActitoMessage = actitoMessage;
            ResponseBody = responseBody;
            Field = field;
            OutcomeUnknown = outcomeUnknown;
        }

        /// <summary>The HTTP status, or null when no response came back (network failure, timeout).</summary>
        public int? StatusCode { get; }

        public string Method { get; }

        /// <summary>Path and query of the request, relative to the host.</summary>
        public string Path { get; }

        /// <summary>Actito's own message, when its body carried one.</summary>
        public string? ActitoMessage { get; }

        /// <summary>The raw response body (redacted), kept whole because its shape is not public.</summary>
        public string? ResponseBody { get; }

        /// <summary>The field Actito blamed, when its body named one.</summary>
        public string? Field { get; }

        /// <summary>
        /// True when the request may or may not have been applied (the connection failed after it was sent)
        /// and it was not safe to send again.
        /// </summary>
        public bool OutcomeUnknown { get; }

        /// <summary>Attempts made in all, the first one included.</summary>
        public int Attempts { get; }

        /// <summary>
        /// True when the request failed in the end, but an earlier attempt ended without proof that it was not
        /// applied (a connection lost after sending, no answer in time, a 5xx).
        /// </summary>
        public bool EarlierAttemptUncertain { get; }

        /// <summary>The same failure in words that name what was asked for (a profile, a record), everything else kept.</summary>
        public ActitoApiException Restated(string message) =>
            new ActitoApiException(message, StatusCode, Method, Path, ActitoMessage, ResponseBody, Field, OutcomeUnknown, this, Attempts, EarlierAttemptUncertain);

        /// <summary>Whether Actito may hold the change although the request failed: look before sending it again.</summary>
        public bool MayHaveBeenApplied => OutcomeUnknown || EarlierAttemptUncertain;
    }
}
