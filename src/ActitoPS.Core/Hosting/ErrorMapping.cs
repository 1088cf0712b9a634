using System;
using System.Globalization;
using ActitoPS.Core.Http;

namespace ActitoPS.Core.Hosting
{
    /// <summary>How failures are categorised for PowerShell, in one place for rows and whole commands.</summary>
    public static class ErrorMapping
    {
        public static ActitoErrorCategory CategoryOf(ActitoApiException failure)
        {
            if (failure.OutcomeUnknown) return ActitoErrorCategory.OperationTimeout;
            switch (failure.StatusCode)
            {
                case null: return ActitoErrorCategory.ConnectionError;
                case 400: return ActitoErrorCategory.InvalidData;
                case 401: return ActitoErrorCategory.AuthenticationError;
                case 403: return ActitoErrorCategory.PermissionDenied;
                case 404: return ActitoErrorCategory.ObjectNotFound;
                case 409: return ActitoErrorCategory.ResourceExists;
                case 413: return ActitoErrorCategory.LimitsExceeded;
                case 429: return ActitoErrorCategory.LimitsExceeded;
                default: return failure.StatusCode >= 500 ? ActitoErrorCategory.ResourceUnavailable : ActitoErrorCategory.NotSpecified;
            }
        }

        public static string ErrorIdOf(ActitoApiException failure)
        {
            if (failure.OutcomeUnknown) return "ActitoOutcomeUnknown";
            return failure.StatusCode.HasValue ? "ActitoHttp" + failure.StatusCode.Value.ToString(CultureInfo.InvariantCulture) : "ActitoNetworkError";
        }

        /// <summary>A failure that ends a whole command (bad parameters, no connection, a rejected key).</summary>
        public static ActitoError ForCommand(Exception failure)
        {
            switch (failure)
            {
                case ActitoApiException api:
                    return new ActitoError(api, ErrorIdOf(api), CategoryOf(api), null) { Details = api.ResponseBody };
                case ArgumentException _:
                    return new ActitoError(failure, "ActitoInvalidArgument", ActitoErrorCategory.InvalidArgument, null);
                case InvalidOperationException _:
                    return new ActitoError(failure, "ActitoInvalidOperation", ActitoErrorCategory.InvalidOperation, null);
                default:
                    return new ActitoError(failure, "ActitoUnexpectedError", ActitoErrorCategory.NotSpecified, null);
            }
        }
    }
}
