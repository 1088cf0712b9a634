using System.Globalization;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.State;
using Microsoft.AspNetCore.Http.Features;

namespace ActitoPS.Emulator.Profiles;

/// <summary>/profiles/v4/entity/{e}/table/{t}/…: one-by-one profile calls of the feeding guide.</summary>
internal static class ProfileEndpoints
{
    public static void MapProfileEndpoints(this IEndpointRouteBuilder routes, EmulatorCore core)
    {
        var group = routes.MapGroup("/profiles/v4/entity/{entity}/table/{table}/profile");
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ApiErrorException ex)
            {
                return ex.Error.ToResult();
            }
        });

        group.MapPost("", async (HttpContext context, string entity, string table) =>
        {
            var store = FindTable(core, entity, table);
            var allowUpdate = ParseAllowUpdate(context.Request.Query["allowUpdate"].ToString());
            using var body = await RequestBodies.ReadJsonAsync(context);
            var write = ProfileRequestParser.Parse(body.RootElement, store.Schema, fullData: true);
            return Answer(store.Upsert(write, allowUpdate));
        });

        group.MapGet("{profileKey}", (HttpContext context, string entity, string table) =>
        {
            var store = FindTable(core, entity, table);
            var profile = FindByKey(store, RawLastSegment(context));
            return Results.Json(ProfileJson.Render(store.Schema, profile), EmulatorJson.Api);
        });

        group.MapPut("{profileId}", async (HttpContext context, string entity, string table, string profileId) =>
        {
            var store = FindTable(core, entity, table);
            var id = ParseProfileId(profileId);
            using var body = await RequestBodies.ReadJsonAsync(context);
            var write = ProfileRequestParser.Parse(body.RootElement, store.Schema, fullData: false);
            return Answer(store.Update(id, write));
        });

        group.MapDelete("{profileId}", (string entity, string table, string profileId) =>
        {
            var store = FindTable(core, entity, table);
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
        var store = FindTable(core, entity, table);
        var id = ParseProfileId(profileId);
        if (!store.Schema.HasSubscription(subscription))
        {
            return ApiError.NotFound("SUBSCRIPTION_NOT_FOUND", $"Subscription '{subscription}' does not exist in profile table '{store.Schema.Name}'.").ToResult();
        }

        using var body = await RequestBodies.ReadJsonOrEmptyAsync(context);
        var dataCollection = body is null ? null : ProfileRequestParser.ParseDataCollectionBody(body.RootElement);
        return Answer(store.SetSubscription(id, subscription, subscribe, dataCollection));
    }

    /// <exception cref="ApiErrorException">404 for an unknown entity or table.</exception>
    public static ProfileTableStore FindTable(EmulatorCore core, string entity, string table)
    {
        var entityState = core.State.FindEntity(entity)
            ?? throw new ApiErrorException(ApiError.NotFound("ENTITY_NOT_FOUND", $"Entity '{entity}' does not exist."));
        return entityState.FindProfileTable(table)
            ?? throw new ApiErrorException(ApiError.NotFound("PROFILE_TABLE_NOT_FOUND", $"Profile table '{table}' does not exist in entity '{entityState.Definition.Name}'."));
    }

    private static IResult Answer(ProfileWriteResult result) =>
        result.Error?.ToResult() ?? Results.Json(new ProfileIdResponse(result.ProfileId), EmulatorJson.Api);

    private static bool ParseAllowUpdate(string text) => text.ToUpperInvariant() switch
    {
        "" or "FALSE" => false,
        "TRUE" => true,
        _ => throw new ApiErrorException(ApiError.BadRequest(
            "INVALID_PARAMETER", $"Query parameter allowUpdate has value {AttributeValueParser.Quote(text)}; expected true or false.", "allowUpdate")),
    };

    private static long ParseProfileId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_PROFILE_ID", $"Profile id {AttributeValueParser.Quote(text)} is not a number.", "profileId"));

    /// <summary>The profile key is the numeric id, or attribute=value for a unique attribute.</summary>
    private static ProfileSnapshot FindByKey(ProfileTableStore store, string key)
    {
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return store.Find(id) ?? throw new ApiErrorException(ProfileTableStore.NotFound(id));
        }

        var separator = key.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_PROFILE_KEY", $"Profile key {AttributeValueParser.Quote(key)} is neither a profile id nor attribute=value.", "profileKey"));
        }

        var name = key[..separator];
        var text = key[(separator + 1)..];
        var attribute = store.Schema.FindAttribute(name)
            ?? throw new ApiErrorException(ApiError.BadRequest("UNKNOWN_ATTRIBUTE", $"Attribute '{name}' does not exist in profile table '{store.Schema.Name}'.", name));
        if (!attribute.Unique)
        {
            throw new ApiErrorException(ApiError.BadRequest("ATTRIBUTE_NOT_UNIQUE", $"Attribute '{name}' is not unique, so it cannot identify a profile.", name));
        }

        var value = AttributeValueParser.Parse(attribute, text)
            ?? throw new ApiErrorException(ApiError.BadRequest("INVALID_PROFILE_KEY", $"Profile key gives no value for attribute '{name}'.", name));
        return store.Find(attribute, value)
            ?? throw new ApiErrorException(ApiError.NotFound("PROFILE_NOT_FOUND", $"No profile with {name}={value.Text}."));
    }

    /// <summary>
    /// Decoded from the raw request target: routing leaves %2F encoded in route values, and a unique
    /// value (an e-mail address, say) may contain any character.
    /// </summary>
    private static string RawLastSegment(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }

    private sealed record ProfileIdResponse(long ProfileId);
}
