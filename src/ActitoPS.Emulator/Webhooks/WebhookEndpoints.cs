using System.Globalization;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Hosting;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.MassImports;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Webhooks;

/// <summary>The feeding guide's webhook subscription on ETL executions: create, read, list, delete.</summary>
internal static class WebhookEndpoints
{
    public const string Base = "/webhooks/v4/entity/{entity}/webhookSubscription";

    /// <summary>A subscription body is a few hundred bytes.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static string Path(string entity) => $"/webhooks/v4/entity/{Uri.EscapeDataString(entity)}/webhookSubscription";

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder routes, EmulatorCore core)
    {
        var group = routes.MapGroup(Base).WithApiErrors();

        group.MapPost("", async (HttpContext context, string entity) =>
        {
            var state = core.State;
            var entityState = EtlLookup.FindEntity(state, entity);
            var body = await ReadBodyAsync(context);
            var create = WebhookSubscriptionParser.Parse(body, state, entityState);
            var subscription = state.Webhooks.Add(create);
            context.Response.Headers.Location = string.Create(CultureInfo.InvariantCulture, $"{Path(subscription.Entity)}/{subscription.Id}");
            return Results.Json(new JsonObject { ["id"] = subscription.Id }, EmulatorJson.Api, statusCode: StatusCodes.Status201Created);
        });

        group.MapGet("", (string entity) =>
        {
            var state = core.State;
            var name = EtlLookup.FindEntity(state, entity).Definition.Name;
            var list = state.Webhooks.List().Where(s => s.Entity == name).Select(s => (JsonNode?)s.ToJson()).ToArray();
            return Results.Json(new JsonObject { ["webhookSubscriptions"] = new JsonArray(list) }, EmulatorJson.Api);
        });

        group.MapGet("{subscriptionId}", (string entity, string subscriptionId) =>
            Results.Json(Find(core.State, entity, subscriptionId).ToJson(), EmulatorJson.Api));

        group.MapDelete("{subscriptionId}", (string entity, string subscriptionId) =>
        {
            var state = core.State;
            state.Webhooks.Remove(Find(state, entity, subscriptionId).Id);
            return Results.NoContent();
        });
    }

    /// <exception cref="ApiErrorException">404 ENTITY_NOT_FOUND or WEBHOOK_SUBSCRIPTION_NOT_FOUND, 400 INVALID_WEBHOOK_SUBSCRIPTION_ID.</exception>
    private static WebhookSubscription Find(EmulatorState state, string entity, string subscriptionId)
    {
        var name = EtlLookup.FindEntity(state, entity).Definition.Name;
        if (!long.TryParse(subscriptionId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_WEBHOOK_SUBSCRIPTION_ID", $"Webhook subscription id {Profiles.AttributeValueParser.Quote(subscriptionId)} is not a number.", "subscriptionId"));
        }

        var subscription = state.Webhooks.Find(id);
        return subscription is not null && subscription.Entity == name
            ? subscription
            : throw new ApiErrorException(ApiError.NotFound(
                "WEBHOOK_SUBSCRIPTION_NOT_FOUND", string.Create(CultureInfo.InvariantCulture, $"No webhook subscription {id} in entity '{name}'.")));
    }

    private static Task<byte[]> ReadBodyAsync(HttpContext context) =>
        BoundedBody.ReadAsync(context, MaxBodyBytes, () => ApiError.BadRequest("INVALID_WEBHOOK_SUBSCRIPTION", "The body is over 64 KB: it is not a webhook subscription."));
}
