using System.Globalization;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Profiles;

/// <summary>
/// /profiles/v4/entity/{e}/table/{t}/…: one-by-one profile calls of the feeding guide. Actito retires them
/// (end of service Q1 2026); a licence may retire them here too (see <see cref="Retirement.RetiredApi"/>).
/// </summary>
internal static class ProfileEndpoints
{
    public static void MapProfileEndpoints(this IEndpointRouteBuilder routes, EmulatorCore core)
    {
        var group = routes.MapGroup("/profiles/v4/entity/{entity}/table/{table}/profile").WithApiErrors();

        group.MapPost("", async (HttpContext context, string entity, string table) =>
        {
            var store = ProfileLookup.FindTable(core, entity, table);
            var allowUpdate = QueryParameters.Boolean(context.Request, "allowUpdate");
            using var body = await RequestBodies.ReadJsonAsync(context);
            var write = ProfileRequestParser.Parse(body.RootElement, store.Schema, fullData: true);
            return Answer(store.Upsert(write, allowUpdate));
        });

        group.MapGet("{profileKey}", (HttpContext context, string entity, string table) =>
        {
            var store = ProfileLookup.FindTable(core, entity, table);
            var profile = ProfileLookup.FindByKey(store, context);
            return Results.Json(ProfileJson.Render(store.Schema, profile, ProfileReadFilter.V4), EmulatorJson.Api);
        });

        group.MapPut("{profileId}", async (HttpContext context, string entity, string table, string profileId) =>
        {
            var store = ProfileLookup.FindTable(core, entity, table);
            var id = ParseProfileId(profileId);
            using var body = await RequestBodies.ReadJsonAsync(context);
            var write = ProfileRequestParser.Parse(body.RootElement, store.Schema, fullData: false);
            return Answer(store.Update(id, write));
        });

        group.MapDelete("{profileId}", (string entity, string table, string profileId) =>
        {
            var store = ProfileLookup.FindTable(core, entity, table);
            var id = ParseProfileId(profileId);
            return store.Delete(id) ? Results.Ok() : ProfileTableStore.NotFound(id).ToResult();
        });

        group.MapPost("{profileId}/subscription/{subscription}", (HttpContext context, string entity, string table, string profileId, string subscription) =>
            SetSubscriptionAsync(context, core, entity, table, profileId, subscription, subscribe: true));

        group.MapDelete("{profileId}/subscription/{subscription}", (HttpContext context, string entity, string table, string profileId, string subscription) =>
            SetSubscriptionAsync(context, core, entity, table, profileId, subscription, subscribe: false));
    }

    private static async Task<IResult> SetSubscriptionAsync(
        HttpContext context, EmulatorCore core, string entity, string table, string profileId, string subscription, bool subscribe)
    {
        var store = ProfileLookup.FindTable(core, entity, table);
        var id = ParseProfileId(profileId);
        if (!store.Schema.HasSubscription(subscription))
        {
            return ApiError.NotFound("SUBSCRIPTION_NOT_FOUND", $"Subscription '{subscription}' does not exist in profile table '{store.Schema.Name}'.").ToResult();
        }

        using var body = await RequestBodies.ReadJsonOrEmptyAsync(context);
        var dataCollection = body is null ? null : ProfileRequestParser.ParseDataCollectionBody(body.RootElement);
        return Answer(store.SetSubscription(id, subscription, subscribe, dataCollection));
    }

    private static IResult Answer(ProfileWriteResult result) =>
        result.Error?.ToResult() ?? Results.Json(new ProfileIdResponse(result.ProfileId), EmulatorJson.Api);

    private static long ParseProfileId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_PROFILE_ID", $"Profile id {AttributeValueParser.Quote(text)} is not a number.", "profileId"));

    private sealed record ProfileIdResponse(long ProfileId);
}
