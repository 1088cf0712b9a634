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

        /// <summary>A row refused before sending: a value, a field or a key the structure does not allow.</summary>
        public const string InvalidRowId = "ActitoInvalidRow";

        /// <summary>Stable ids a script can test: ActitoNotFound, ActitoConflict, ActitoOutcomeUnknown, else ActitoHttpNNN or ActitoNetworkError.</summary>
        public static string ErrorIdOf(ActitoApiException failure)
        {
            if (failure.OutcomeUnknown) return "ActitoOutcomeUnknown";
            switch (failure.StatusCode)
            {
                case null: return "ActitoNetworkError";
                case 404: return "ActitoNotFound";
                case 409: return "ActitoConflict";
                default: return "ActitoHttp" + failure.StatusCode.Value.ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>A failure that ends a whole command (bad parameters, no connection, a rejected key).</summary>
        public static ActitoError ForCommand(Exception failure)
        {
            switch (failure)
            {
                case ActitoApiException api:
                    return new ActitoError(api, ErrorIdOf(api), CategoryOf(api), null) { Details = api.ResponseBody };
                case ActitoApiRetiredException _:
                    return new ActitoError(failure, "ActitoApiRetired", ActitoErrorCategory.InvalidOperation, null)
                    {
                        RecommendedAction = "Use Start-ActitoEtl for volume, or the profile API version this licence serves (Connect-Actito -ProfileApi).",
                    };
                case MassImports.ActitoImportCheckException _:
                    return new ActitoError(failure, "ActitoInvalidImport", ActitoErrorCategory.InvalidData, null)
                    {
                        RecommendedAction = "Fix what is named and run the command again: -Mapping maps a column to a field of another name, -Mode CreateOnly loads recency fields, and for pipeline rows -ExcludeProperty leaves a column out.",
                    };
                case MassImports.ActitoImportQuotaException quota:
                    return new ActitoError(failure, "ActitoImportQuotaExceeded", ActitoErrorCategory.LimitsExceeded, quota.SpoolFile)
                    {
                        Details = (quota.InnerException as ActitoApiException)?.ResponseBody,
                        RecommendedAction = quota.Resend.StartsWith("Start-ActitoEtl -Path", StringComparison.Ordinal)
                            ? $"Send the kept file again once the quota has reset: Start-ActitoEtl -Path '{quota.SpoolFile}' with the same table and mode."
                            : $"Once the quota has reset: {quota.Resend}.",
                    };
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
