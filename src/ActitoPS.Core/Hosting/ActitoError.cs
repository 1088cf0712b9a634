using System;

namespace ActitoPS.Core.Hosting
{
    /// <summary>PowerShell's error categories that ActitoPS uses, without a PowerShell reference.</summary>
    public enum ActitoErrorCategory
    {
        NotSpecified,
        InvalidData,
        InvalidArgument,
        InvalidOperation,
        ObjectNotFound,
        ResourceExists,
        PermissionDenied,
        AuthenticationError,
        LimitsExceeded,
        ConnectionError,
        ResourceUnavailable,
        OperationTimeout,
        InvalidResult,
    }

    /// <summary>A non-terminating error as the engine describes it; the cmdlet makes the ErrorRecord.</summary>
    public sealed class ActitoError
    {
        public ActitoError(Exception exception, string errorId, ActitoErrorCategory category, object? targetObject)
        {
            Exception = exception;
            ErrorId = errorId;
            Category = category;
            TargetObject = targetObject;
        }

        public Exception Exception { get; }

        public string ErrorId { get; }

        public ActitoErrorCategory Category { get; }

        public object? TargetObject { get; }

        /// <summary>Actito's response body, shown as the record's ErrorDetails.</summary>
        public string? Details { get; set; }

        public string? RecommendedAction { get; set; }
    }
}
