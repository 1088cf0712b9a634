using System.Text.Json;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Json;

namespace ActitoPS.Emulator.Admin;

/// <summary>/_emulator/…: no auth, no limits, no faults, not logged. Each route is a thin call onto <see cref="EmulatorAdmin"/>.</summary>
internal static class AdminEndpoints
{
    public const string Prefix = "/_emulator";

    public static bool IsAdminRequest(HttpRequest request) =>
        request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static void MapAdminEndpoints(this IEndpointRouteBuilder routes, EmulatorAdmin admin, Action requestShutdown)
    {
        var group = routes.MapGroup(Prefix);

        group.MapGet("/health", () => Results.Json(new StatusBody("ok"), EmulatorJson.Api));

        group.MapPost("/licence", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var json = await reader.ReadToEndAsync(context.RequestAborted);
            try
            {
                admin.LoadLicence(Licence.Parse(json));
            }
            catch (LicenceException ex)
            {
                return ApiError.BadRequest("INVALID_LICENCE", ex.Message).ToResult();
            }

            return Results.NoContent();
        });

        group.MapPost("/reset", () =>
        {
            admin.Reset();
            return Results.NoContent();
        });

        group.MapGet("/state", () => Results.Json(admin.GetState(), EmulatorJson.Api));

        group.MapGet("/etl-executions", () => Results.Json(admin.GetEtlExecutions(), EmulatorJson.Api));

        group.MapGet("/etls", () => Results.Json(admin.GetEtlDefinitions(), EmulatorJson.Api));

        group.MapGet("/webhook-subscriptions", () => Results.Json(admin.GetWebhookSubscriptions(), EmulatorJson.Api));

        group.MapGet("/webhook-deliveries", () => Results.Json(admin.GetWebhookDeliveries(), EmulatorJson.Api));

        group.MapGet("/requests", () => Results.Json(admin.GetRequestLog(), EmulatorJson.Api));

        group.MapDelete("/requests", () =>
        {
            admin.ClearRequestLog();
            return Results.NoContent();
        });

        group.MapGet("/settings", () => Results.Json(admin.Settings, EmulatorJson.Api));

        group.MapPut("/settings", async (HttpContext context) =>
        {
            try
            {
                var update = await ReadAsync<EmulatorSettingsUpdate>(context);
                return Results.Json(admin.UpdateSettings(update), EmulatorJson.Api);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                return ApiError.BadRequest("INVALID_SETTINGS", ex.Message).ToResult();
            }
        });

        group.MapPost("/tokens/expire", () =>
        {
            admin.ExpireAllTokens();
            return Results.NoContent();
        });

        group.MapGet("/faults", () => Results.Json(admin.GetFaults(), EmulatorJson.Api));

        group.MapPost("/faults", async (HttpContext context) =>
        {
            try
            {
                admin.AddFault(await ReadAsync<FaultSpec>(context));
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                return ApiError.BadRequest("INVALID_FAULT", ex.Message).ToResult();
            }

            return Results.Json(admin.GetFaults(), EmulatorJson.Api, statusCode: StatusCodes.Status201Created);
        });

        group.MapDelete("/faults", () =>
        {
            admin.ClearFaults();
            return Results.NoContent();
        });

        group.MapPost("/shutdown", (HttpContext context) =>
        {
            // Stop once this answer is out, so the caller learns that the shutdown was accepted.
            context.Response.OnCompleted(() =>
            {
                requestShutdown();
                return Task.CompletedTask;
            });
            return Results.Json(new StatusBody("stopping"), EmulatorJson.Api, statusCode: StatusCodes.Status202Accepted);
        });
    }

    private static async Task<T> ReadAsync<T>(HttpContext context)
        where T : class =>
        await JsonSerializer.DeserializeAsync<T>(context.Request.Body, EmulatorJson.Api, context.RequestAborted)
        ?? throw new JsonException("The request body is JSON null; an object is expected.");

    private sealed record StatusBody(string Status);
}
