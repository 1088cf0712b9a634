using System;
using System.Globalization;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>One execution of a mass import as Actito describes it: its status, counters once finished, its error once failed.</summary>
    public sealed class EtlExecution
    {
        public EtlExecution(long id, string status, string? mode, DateTimeOffset? started, DateTimeOffset? ended, EtlResults? results, string? error, object? response)
        {
            Id = id;
            Status = status;
            Mode = mode;
            Started = started;
            Ended = ended;
            Results = results;
            Error = error;
            Response = response;
        }

        public long Id { get; }

        /// <summary>IN_PROGRESS until FINISHED or FAILED.</summary>
        public string Status { get; }

        public string? Mode { get; }

        public DateTimeOffset? Started { get; }

        public DateTimeOffset? Ended { get; }

        /// <summary>Lines read, in error, inserted, updated and deleted, once finished.</summary>
        public EtlResults? Results { get; }

        /// <summary>Actito's reason for a FAILED execution.</summary>
        public string? Error { get; }

        public object? Response { get; }

        public bool IsDone => Status == "FINISHED" || Status == "FAILED";

        /// <summary>The execution's JSON, read tolerantly: Actito's exact shape is not public.</summary>
        internal static EtlExecution Parse(long id, JToken json)
        {
            var body = json as JObject ?? new JObject();
            var error = body["error"] is JObject detail ? (string?)detail["message"] ?? (string?)detail["code"] : (string?)body["error"];
            return new EtlExecution(
                (long?)body["id"] ?? id,
                ((string?)body["status"] ?? "UNKNOWN").ToUpperInvariant(),
                (string?)body["mode"] ?? (string?)body["parameters"]?["mode"],
                Moment(body["startMoment"]),
                Moment(body["endMoment"]),
                body["integrationResults"] is JObject results ? EtlResults.Parse(results) : null,
                error,
                PlainJson.From(json));
        }

        private static DateTimeOffset? Moment(JToken? token) =>
            token == null || token.Type == JTokenType.Null ? (DateTimeOffset?)null
            : token.Type == JTokenType.Date ? token.ToObject<DateTimeOffset>()
            : DateTimeOffset.TryParse((string?)token, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment) ? moment : (DateTimeOffset?)null;
    }

    /// <summary>Actito's integration results: the lines of the file and what became of them.</summary>
    public sealed class EtlResults
    {
        public EtlResults(long read, long inError, long inserted, long updated, long deleted)
        {
            Read = read;
            InError = inError;
            Inserted = inserted;
            Updated = updated;
            Deleted = deleted;
        }

        public long Read { get; }

        public long InError { get; }

        public long Inserted { get; }

        public long Updated { get; }

        public long Deleted { get; }

        internal static EtlResults Parse(JObject results) =>
            new EtlResults(Count(results, "linesRead", "read"), Count(results, "linesInError", "inError"), Count(results, "linesInserted", "inserted"),
                Count(results, "linesUpdated", "updated"), Count(results, "linesDeleted", "deleted"));

        private static long Count(JObject results, string name, string shortName) => (long?)(results[name] ?? results[shortName]) ?? 0;
    }
}
