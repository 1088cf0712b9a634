using System.Globalization;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.CustomTables;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// The answers about an execution. Actito's JSON for these is not public: the shapes are the emulator's
/// (README), built on the guide's words: a status IN_PROGRESS until FINISHED or FAILED, an "error" for a
/// FAILED one, "integrationResults" with lines read, in error, inserted, updated and deleted.
/// </summary>
internal static class EtlJson
{
    public static JsonObject Execution(EtlExecution execution)
    {
        if (execution.Kind == EtlKind.Triggered)
        {
            return TriggeredExecution(execution);
        }

        var json = new JsonObject
        {
            ["id"] = execution.Id,
            ["type"] = EtlNames.OneShot,
            ["status"] = execution.Status.ToWire(),
            ["destination"] = Destination(execution.Target),
            ["mode"] = execution.Definition.Mode.ToWire(),
            ["inputFile"] = InputFile(execution.Upload),
            ["generateErrorFiles"] = execution.Definition.GenerateErrorFiles,
            ["generateResultFiles"] = execution.Definition.GenerateResultFiles,
            ["reportRecipients"] = Recipients(execution.ReportRecipients),
            ["startMoment"] = CustomValues.FormatDate(execution.StartMoment),
        };
        AddEnd(json, execution);
        AddOutcome(json, execution.Outcome);
        return json;
    }

    /// <summary>
    /// A TRIGGERED ETL's execution: its etlId, and each file with its destination, mode and counters; the
    /// counters summed at the top. A one-file ETL's also answers destination and mode at the top, as a one-shot's.
    /// </summary>
    private static JsonObject TriggeredExecution(EtlExecution execution)
    {
        var json = new JsonObject
        {
            ["id"] = execution.Id,
            ["type"] = EtlNames.Triggered,
            ["etlId"] = execution.EtlId,
            ["status"] = execution.Status.ToWire(),
        };
        if (execution.Plans.Count == 1)
        {
            json["destination"] = Destination(execution.Target);
            json["mode"] = execution.Definition.Mode.ToWire();
        }

        json["inputFile"] = InputFile(execution.Upload);
        var outcome = execution.Outcome;
        var files = new JsonArray();
        foreach (var plan in execution.Plans)
        {
            var file = new JsonObject { ["fileCode"] = plan.FileCode };
            var fileOutcome = outcome?.Files.FirstOrDefault(f => f.FileCode == plan.FileCode);
            if (fileOutcome?.FileName is { } name)
            {
                file["fileName"] = name;
            }

            file["destination"] = Destination(plan.Target);
            file["mode"] = plan.Definition.Mode.ToWire();
            file["generateErrorFiles"] = plan.Definition.GenerateErrorFiles;
            file["generateResultFiles"] = plan.Definition.GenerateResultFiles;
            if (fileOutcome?.Results is { } results)
            {
                file["integrationResults"] = Counters(results);
            }

            files.Add(file);
        }

        json["files"] = files;
        json["reportRecipients"] = Recipients(execution.ReportRecipients);
        json["startMoment"] = CustomValues.FormatDate(execution.StartMoment);
        AddEnd(json, execution);
        AddOutcome(json, outcome);
        return json;
    }

    /// <summary>The definition as it was posted, with its id first.</summary>
    public static JsonObject Etl(TriggeredEtl etl) => etl.Stored();

    private static JsonObject Destination(EtlTarget target) => new()
    {
        ["type"] = target.Type.ToWire(),
        ["id"] = target.TableId,
        ["name"] = target.TableName,
    };

    private static JsonArray Recipients(IReadOnlyList<string> recipients) => new(recipients.Select(r => (JsonNode?)r).ToArray());

    private static void AddEnd(JsonObject json, EtlExecution execution)
    {
        if (execution.EndMoment is { } end)
        {
            json["endMoment"] = CustomValues.FormatDate(end);
        }
    }

    private static JsonObject Counters(EtlIntegrationResults results) => new()
    {
        ["linesRead"] = results.LinesRead,
        ["linesInError"] = results.LinesInError,
        ["linesInserted"] = results.LinesInserted,
        ["linesUpdated"] = results.LinesUpdated,
        ["linesDeleted"] = results.LinesDeleted,
    };

    public static JsonObject IntegrationResults(EtlExecution execution)
    {
        var json = new JsonObject { ["executionId"] = execution.Id, ["status"] = execution.Status.ToWire() };
        AddOutcome(json, execution.Outcome);
        return json;
    }

    public static JsonObject OutputFiles(EtlExecution execution)
    {
        var files = new JsonArray();
        foreach (var file in execution.Outcome?.OutputFiles ?? [])
        {
            files.Add(new JsonObject
            {
                ["name"] = file.Name,
                ["kind"] = file.Kind.ToWire(),
                ["lines"] = file.Lines,
                ["sizeBytes"] = file.Content.Length,
                ["downloadPath"] = EtlPaths.OutputFile(execution, file.Name),
            });
        }

        return new JsonObject { ["executionId"] = execution.Id, ["status"] = execution.Status.ToWire(), ["outputFiles"] = files };
    }

    /// <summary>The part's file name only when it had one.</summary>
    private static JsonObject InputFile(EtlUpload upload)
    {
        var json = new JsonObject();
        if (upload.FileName is { } name)
        {
            json["name"] = name;
        }

        json["compression"] = upload.Compression.ToString().ToUpperInvariant();
        json["sizeBytes"] = upload.Length;
        return json;
    }

    private static void AddOutcome(JsonObject json, EtlOutcome? outcome)
    {
        if (outcome?.Results is { } results)
        {
            json["integrationResults"] = Counters(results);
        }

        if (outcome?.Error is { } error)
        {
            var body = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
            if (error.FileCode is { } fileCode)
            {
                body["fileCode"] = fileCode;
            }

            json["error"] = body;
        }
    }
}

internal static class EtlPaths
{
    public const string Base = "/mass-imports/v5/entities/{entity}/etl-executions";
    public const string EtlBase = "/mass-imports/v5/entities/{entity}/etls";

    public static string Execution(EtlExecution execution) =>
        string.Create(CultureInfo.InvariantCulture, $"/mass-imports/v5/entities/{Uri.EscapeDataString(execution.Entity)}/etl-executions/{execution.Id}");

    public static string Etl(string entity, long etlId) =>
        string.Create(CultureInfo.InvariantCulture, $"/mass-imports/v5/entities/{Uri.EscapeDataString(entity)}/etls/{etlId}");

    public static string OutputFile(EtlExecution execution, string name) =>
        $"{Execution(execution)}/output-files/{Uri.EscapeDataString(name)}";
}
