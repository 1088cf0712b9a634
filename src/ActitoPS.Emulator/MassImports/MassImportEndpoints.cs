using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// Mass imports v5 executions (the feeding guide's step 4): submit a one-shot with the file in the call, then
/// poll any execution (one-shot or triggered), read its integration results and download its output files.
/// The remote-location form is not served; TRIGGERED ETLs are <see cref="EtlDefinitionEndpoints"/>'s.
/// </summary>
internal static class MassImportEndpoints
{
    private const string TextCsv = "text/csv; charset=utf-8";

    public static void MapMassImportEndpoints(this IEndpointRouteBuilder routes, EmulatorCore core)
    {
        var group = routes.MapGroup(EtlPaths.Base).WithApiErrors();

        group.MapPost("", (HttpContext context, string entity) => EtlSubmission.SubmitAsync(context, core, entity));

        group.MapGet("{executionId}", (string entity, string executionId) =>
            Json(EtlJson.Execution(EtlLookup.FindExecution(core, entity, executionId))));

        group.MapGet("{executionId}/integration-results", (string entity, string executionId) =>
            Json(EtlJson.IntegrationResults(EtlLookup.FindExecution(core, entity, executionId))));

        group.MapGet("{executionId}/output-files", (string entity, string executionId) =>
            Json(EtlJson.OutputFiles(EtlLookup.FindExecution(core, entity, executionId))));

        group.MapGet("{executionId}/output-files/{fileName}", (string entity, string executionId, string fileName) =>
        {
            var execution = EtlLookup.FindExecution(core, entity, executionId);
            var file = execution.Outcome?.OutputFiles.FirstOrDefault(f => string.Equals(f.Name, fileName, StringComparison.Ordinal));
            return file is null
                ? ApiError.NotFound("OUTPUT_FILE_NOT_FOUND", $"Execution {execution.Id} has no output file '{fileName}'.").ToResult()
                : Results.File(file.Content, TextCsv, file.Name);
        });
    }

    private static IResult Json(System.Text.Json.Nodes.JsonObject body) => Results.Json(body, EmulatorJson.Api);
}
