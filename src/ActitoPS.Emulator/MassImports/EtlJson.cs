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
        var upload = execution.Upload;
        var json = new JsonObject
        {
            ["id"] = execution.Id,
            ["type"] = EtlNames.OneShot,
            ["status"] = execution.Status.ToWire(),
            ["destination"] = new JsonObject
            {
                ["type"] = execution.Target.Type.ToWire(),
                ["id"] = execution.Target.TableId,
                ["name"] = execution.Target.TableName,
            },
            ["mode"] = execution.Definition.Mode.ToWire(),
            ["inputFile"] = InputFile(upload),
            ["generateErrorFiles"] = execution.Definition.GenerateErrorFiles,
            ["generateResultFiles"] = execution.Definition.GenerateResultFiles,
            ["reportRecipients"] = new JsonArray(execution.Definition.ReportRecipients.Select(r => (JsonNode?)r).ToArray()),
            ["startMoment"] = CustomValues.FormatDate(execution.StartMoment),
        };
        if (execution.EndMoment is { } end)
        {
            json["endMoment"] = CustomValues.FormatDate(end);
        }

        AddOutcome(json, execution.Outcome);
        return json;
    }

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
            json["integrationResults"] = new JsonObject
            {
                ["linesRead"] = results.LinesRead,
                ["linesInError"] = results.LinesInError,
                ["linesInserted"] = results.LinesInserted,
                ["linesUpdated"] = results.LinesUpdated,
                ["linesDeleted"] = results.LinesDeleted,
            };
        }

        if (outcome?.Error is { } error)
        {
            json["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        }
    }
}

internal static class EtlPaths
{
    public const string Base = "/mass-imports/v5/entities/{entity}/etl-executions";

    public static string Execution(EtlExecution execution) =>
        string.Create(CultureInfo.InvariantCulture, $"/mass-imports/v5/entities/{Uri.EscapeDataString(execution.Entity)}/etl-executions/{execution.Id}");

    public static string OutputFile(EtlExecution execution, string name) =>
        $"{Execution(execution)}/output-files/{Uri.EscapeDataString(name)}";
}
