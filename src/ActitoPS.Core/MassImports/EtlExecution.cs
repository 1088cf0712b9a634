using System;
using System.Globalization;
using System.Linq;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// One execution of a mass import as Actito describes it (status, counters once finished, its error once failed),
    /// and, when this session sent it, what was sent: the rows, the bytes, the part of the input, the spool file.
    /// </summary>
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

        public string? Entity { get; internal set; }

        /// <summary>The TRIGGERED ETL it runs; null for a one-shot import.</summary>
        public string? EtlId { get; internal set; }

        /// <summary>The destination table's name (a custom table's technical name).</summary>
        public string? Table { get; internal set; }

        /// <summary>PROFILE_TABLE or CUSTOM_TABLE.</summary>
        public string? TableType { get; internal set; }

        /// <summary>IN_PROGRESS until FINISHED or FAILED.</summary>
        public string Status { get; }

        public string? Mode { get; }

        public DateTimeOffset? Started { get; }

        public DateTimeOffset? Ended { get; }

        /// <summary>Lines read, in error, inserted, updated and deleted, once finished.</summary>
        public EtlResults? Results { get; }

        public long? LinesRead => Results?.Read;

        public long? LinesInError => Results?.InError;

        public long? Inserted => Results?.Inserted;

        public long? Updated => Results?.Updated;

        public long? Deleted => Results?.Deleted;

        /// <summary>Actito's reason for a FAILED execution.</summary>
        public string? Error { get; }

        /// <summary>Rows sent in this execution's file (known when this session sent it).</summary>
        public long? Rows { get; internal set; }

        /// <summary>The file's size as sent, compressed when it was.</summary>
        public long? BytesSent { get; internal set; }

        /// <summary>The file sent: a spool file is deleted once Actito has accepted it; a file given with -Path is left as it was.</summary>
        public string? File { get; internal set; }

        /// <summary>Which part of the input this execution loads (1 unless the input rolled into several files), and of how many.</summary>
        public int? Part { get; internal set; }

        public int? Parts { get; internal set; }

        /// <summary>The input row its file's first line holds: error lines map back to input rows from it.</summary>
        public long FirstRow { get; internal set; } = 1;

        public object? Response { get; }

        public bool IsDone => Status == "FINISHED" || Status == "FAILED";

        /// <summary>Finished with some lines in error (Actito's WITH_ERROR).</summary>
        public bool HasErrors => Status == "FINISHED" && Results != null && Results.InError > 0;

        /// <summary>What this session knew of the execution before reading it again: who sent what.</summary>
        internal EtlExecution Carrying(EtlExecution? earlier)
        {
            if (earlier == null || earlier.Id != Id) return this;
            Entity = Entity ?? earlier.Entity;
            EtlId = EtlId ?? earlier.EtlId;
            Table = Table ?? earlier.Table;
            TableType = TableType ?? earlier.TableType;
            Rows = earlier.Rows;
            BytesSent = earlier.BytesSent;
            File = earlier.File;
            Part = earlier.Part;
            Parts = earlier.Parts;
            FirstRow = earlier.FirstRow;
            return this;
        }

        public override string ToString() => Id.ToString(CultureInfo.InvariantCulture);

        /// <summary>The execution's JSON, read tolerantly: Actito's exact shape is not public.</summary>
        internal static EtlExecution Parse(long id, JToken json, string? entity = null)
        {
            var body = json as JObject ?? new JObject();
            var error = body["error"] is JObject detail ? (string?)detail["message"] ?? (string?)detail["code"] : (string?)body["error"];
            var destination = body["destination"] as JObject;
            // A multi-file execution names a table and a mode for each of its files.
            var files = (body["files"] as JArray)?.OfType<JObject>().ToList() ?? new System.Collections.Generic.List<JObject>();
            var fileTables = files.Select(f => (string?)f["destination"]?["name"] ?? (string?)f["destination"]?["id"]).Where(t => t != null).Distinct().ToList();
            var fileModes = files.Select(f => (string?)f["mode"]).Where(m => m != null).Distinct().ToList();
            return new EtlExecution(
                (long?)body["id"] ?? id,
                ((string?)body["status"] ?? "UNKNOWN").ToUpperInvariant(),
                (string?)body["mode"] ?? (string?)body["parameters"]?["mode"] ?? (fileModes.Count > 0 ? string.Join("+", fileModes) : null),
                Moment(body["startMoment"]),
                Moment(body["endMoment"]),
                body["integrationResults"] is JObject results ? EtlResults.Parse(results) : null,
                error,
                PlainJson.From(json))
            {
                Entity = entity,
                EtlId = body["etlId"] == null || body["etlId"]!.Type == JTokenType.Null ? null : body["etlId"]!.ToString(),
                Table = (string?)destination?["name"] ?? (string?)destination?["id"] ?? (fileTables.Count > 0 ? string.Join(", ", fileTables) : null),
                TableType = (string?)destination?["type"],
            };
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

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} read, {1} in error, {2} inserted, {3} updated, {4} deleted", Read, InError, Inserted, Updated, Deleted);

        internal static EtlResults Parse(JObject results) =>
            new EtlResults(Count(results, "linesRead", "read"), Count(results, "linesInError", "inError"), Count(results, "linesInserted", "inserted"),
                Count(results, "linesUpdated", "updated"), Count(results, "linesDeleted", "deleted"));

        private static long Count(JObject results, string name, string shortName) => (long?)(results[name] ?? results[shortName]) ?? 0;
    }
}
