using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Profiles;

/// <summary>
/// /profiles/v5/entities/{e}/profile-tables/{t}/profiles/{profileKey}: the one v5 profile call Actito has
/// published. Its answer is not public, so it answers the v4 read's shape, narrowed by the query.
/// </summary>
internal static class ProfileV5Endpoints
{
    public static void MapProfileV5Endpoints(this IEndpointRouteBuilder routes, EmulatorCore core)
    {
        var group = routes.MapGroup("/profiles/v5/entities/{entity}/profile-tables/{profileTableId}/profiles").WithApiErrors();

        group.MapGet("{profileKey}", (HttpContext context, string entity, string profileTableId) =>
        {
            var store = ProfileLookup.FindTable(core, entity, profileTableId);
            var filter = ProfileReadFilter.FromV5Query(context.Request, store.Schema);
            var profile = ProfileLookup.FindByKey(store, context);
            return Results.Json(ProfileJson.Render(store.Schema, profile, filter), EmulatorJson.Api);
        });
    }
}
