using System.Globalization;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Hosting;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// TRIGGERED ETLs (the feeding guide's "Defining a 'triggered by API' ETL" and "Trigger an ETL execution by
/// API"): define, read, list, delete, and push a file to run one. The run is the one-shot's engine, per file.
/// </summary>
internal static class EtlDefinitionEndpoints
{
    /// <summary>A definition is a few kilobytes; a megabyte is surely not one.</summary>
    private const int MaxDefinitionBytes = 1024 * 1024;

    public static void MapEtlDefinitionEndpoints(this IEndpointRouteBuilder routes, EmulatorCore core)
    {
        var group = routes.MapGroup(EtlPaths.EtlBase).WithApiErrors();

        group.MapPost("", (HttpContext context, string entity) => CreateAsync(context, core, entity));

        group.MapGet("", (string entity) =>
        {
            var state = core.State;
            var entityState = EtlLookup.FindEntity(state, entity);
            var etls = state.Etls.List().Where(e => e.Entity == entityState.Definition.Name).Select(e => (JsonNode?)EtlJson.Etl(e)).ToArray();
            return Results.Json(new JsonObject { ["etls"] = new JsonArray(etls) }, EmulatorJson.Api);
        });

        group.MapGet("{etlId}", (string entity, string etlId) =>
        {
            var state = core.State;
            return Results.Json(EtlJson.Etl(EtlLookup.FindEtl(state, EtlLookup.FindEntity(state, entity), etlId)), EmulatorJson.Api);
        });

        group.MapDelete("{etlId}", (string entity, string etlId) =>
        {
            var state = core.State;
            var etl = EtlLookup.FindEtl(state, EtlLookup.FindEntity(state, entity), etlId);
            if (state.Etl.List().FirstOrDefault(e => e.EtlId == etl.Id && e.Status == EtlStatus.InProgress) is { } running)
            {
                return ApiError.Conflict("ETL_EXECUTION_IN_PROGRESS", string.Create(CultureInfo.InvariantCulture,
                    $"ETL {etl.Id} has an execution in progress ({running.Id}): delete it once its executions have ended.")).ToResult();
            }

            state.Etls.Remove(etl.Id);
            return Results.NoContent();
        });

        group.MapPost("{etlId}/trigger-execution", (HttpContext context, string entity, string etlId) => TriggerAsync(context, core, entity, etlId));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorCore core, string entity)
    {
        var state = core.State;
        var entityState = EtlLookup.FindEntity(state, entity);
        var body = await ReadBodyAsync(context);
        var (draft, json) = TriggeredEtlParser.Parse(body, entityState);

        var now = core.Time.GetUtcNow();
        var etl = state.Etls.Add(id =>
        {
            // Stored as posted, with the id the emulator gave it first (an id in the body is not the ETL's).
            var stored = new JsonObject { ["id"] = id };
            foreach (var (name, value) in json.ToList())
            {
                if (!string.Equals(name, "id", StringComparison.OrdinalIgnoreCase))
                {
                    json.Remove(name);
                    stored[name] = value;
                }
            }

            return new TriggeredEtl(id, entityState.Definition.Name, draft.Name, draft.Paused, draft.Files, draft.ReportRecipients, stored, now);
        });

        var location = EtlPaths.Etl(etl.Entity, etl.Id);
        context.Response.Headers.Location = location;
        return Results.Json(new JsonObject { ["id"] = etl.Id }, EmulatorJson.Api, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// POST …/etls/{etlId}/trigger-execution: the file is checked as a one-shot's is (a multi-file ETL's ZIP may
    /// hold several files), the ETL must not be paused, and each table it loads spends an import of the day.
    /// Whether the ZIP holds the right files is the execution's to say (FAILED MISSING_FILE, UNMATCHED_FILE).
    /// </summary>
    private static async Task<IResult> TriggerAsync(HttpContext context, EmulatorCore core, string entity, string etlId)
    {
        var state = core.State;
        var entityState = EtlLookup.FindEntity(state, entity);
        var etl = EtlLookup.FindEtl(state, entityState, etlId);
        using var form = await EtlForm.ReadAsync(context, trigger: true);
        var upload = form.Upload
            ?? throw new ApiErrorException(ApiError.BadRequest("MISSING_INPUT_FILE", $"The body has no '{EtlForm.InputFilePart}' part (the file to load: a CSV, a GZIP of it, or a ZIP)."));
        if (etl.Paused)
        {
            return ApiError.Conflict("ETL_PAUSED", string.Create(CultureInfo.InvariantCulture,
                $"ETL {etl.Id} ('{etl.Name}') is paused (triggering.paused): it takes no execution.")).ToResult();
        }

        if (etl.IsMultiFile)
        {
            EtlSubmission.CheckFile(upload, singleFile: null);
            if (upload.Compression != EtlCompression.Zip)
            {
                throw new ApiErrorException(ApiError.BadRequest("INVALID_ARCHIVE", string.Create(CultureInfo.InvariantCulture,
                    $"ETL {etl.Id} has {etl.Files.Count} files ({string.Join(", ", etl.Files.Select(f => f.FileCode))}): push them in one ZIP, each under its fileNamePattern.")));
            }
        }
        else
        {
            EtlSubmission.CheckFile(upload, "a one-file ETL takes a CSV, a GZIP of it, or a ZIP of exactly one file");
        }

        var now = core.Time.GetUtcNow();
        var targets = etl.Files.Select(f => f.Target).DistinctBy(t => t.QuotaKey).ToList();
        return EtlSubmission.Admit(context, core, state, targets, now, id =>
            EtlExecution.Triggered(id, etl, form.TakeUpload(), now, core.Time.GetTimestamp()));
    }

    private static Task<byte[]> ReadBodyAsync(HttpContext context) =>
        BoundedBody.ReadAsync(context, MaxDefinitionBytes, () => ApiError.BadRequest("INVALID_DEFINITION", "The body is over 1 MB: it is not an ETL definition."));
}
