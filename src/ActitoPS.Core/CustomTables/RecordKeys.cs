using System;
using ActitoPS.Core.Http;
using ActitoPS.Core.Records;

namespace ActitoPS.Core.CustomTables
{
    internal static class RecordKeys
    {
        public static string Text(object? value) => value switch
        {
            null => string.Empty,
            DateTime date => ValueFormatter.FormatDate(date),
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? string.Empty,
        };

        public static ActitoApiException NotFound(ActitoApiException missing, CustomTable? structure, string table, string key) =>
            new ActitoApiException($"No record with {(structure?.BusinessKeyField ?? "business key")} {key} in custom table '{table}'.", 404, missing.Method, missing.Path,
                missing.ActitoMessage, missing.ResponseBody, missing.Field, innerException: missing, attempts: missing.Attempts, earlierAttemptUncertain: missing.EarlierAttemptUncertain);
    }
}
