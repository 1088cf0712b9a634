using System.Text.Json.Nodes;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.Profiles;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.CustomTables;

/// <summary>
/// The custom-table guide's web services, under both base paths the guide and Actito's hosts use (the same
/// handlers): structure, one record, a query, create-or-update, partial update, delete. Table names match
/// in any case, or the table's id; records are named by their business key.
/// </summary>
internal static class CustomTableEndpoints
{
    public static readonly IReadOnlyList<string> BasePaths =
    [
        "/custom-data/v4/entity/{entity}/customTable",
        "/ActitoWebServices/ws/v4/entity/{entity}/customTable",
    ];

    public static void MapCustomTableEndpoints(this IEndpointRouteBuilder routes, EmulatorCore core)
    {
        foreach (var basePath in BasePaths)
        {
            Map(routes.MapGroup(basePath).WithApiErrors(), core);
        }
    }

    private static void Map(RouteGroupBuilder group, EmulatorCore core)
    {
        // The list's wrapper is not public: the emulator's choice, like the profile-table structure list.
        group.MapGet("", (string entity) =>
        {
            var entityState = FindEntity(core, entity);
            return Json(new JsonObject
            {
                ["customTables"] = new JsonArray(
                    entityState.CustomTables.Select(t => (JsonNode?)CustomTableJson.Structure(t.Schema)).ToArray()),
            });
        });

        group.MapGet("{table}", (string entity, string table) =>
            Json(CustomTableJson.Structure(FindTable(core, entity, table).Schema)));

        group.MapGet("{table}/record", (HttpContext context, string entity, string table) =>
        {
            var store = FindTable(core, entity, table);
            var query = CustomRecordQuery.Parse(context.Request, store.Schema);
            var records = store.Query(query.SearchField, query.SearchValue, query.SortedField, query.Ascending, query.Number);
            return Json(new JsonObject
            {
                ["records"] = new JsonArray(
                    records.Select(r => (JsonNode?)CustomTableJson.Record(store.Schema, r, businessKeyAsText: false)).ToArray()),
            });
        });

        group.MapPost("{table}/record", async (HttpContext context, string entity, string table) =>
        {
            var store = FindTable(core, entity, table);
            var allowUpdate = QueryParameters.Boolean(context.Request, "allowUpdate");
            using var body = await RequestBodies.ReadJsonAsync(context);
            var write = CustomRecordParser.Parse(body.RootElement, store.Schema);
            return KeyAnswer(store.Upsert(write, allowUpdate).BusinessKey);
        });

        group.MapGet("{table}/record/{businessKey}", (HttpContext context, string entity, string table) =>
        {
            var store = FindTable(core, entity, table);
            var key = BusinessKey(context, store);
            var record = store.Find(key) ?? throw new ApiErrorException(store.NotFound(key));
            return Json(CustomTableJson.Record(store.Schema, record, businessKeyAsText: true));
        });

        group.MapPut("{table}/record/{businessKey}", async (HttpContext context, string entity, string table) =>
        {
            var store = FindTable(core, entity, table);
            var key = BusinessKey(context, store);
            using var body = await RequestBodies.ReadJsonAsync(context);
            var write = CustomRecordParser.Parse(body.RootElement, store.Schema);
            return KeyAnswer(store.Update(key, write));
        });

        group.MapDelete("{table}/record/{businessKey}", (HttpContext context, string entity, string table) =>
        {
            var store = FindTable(core, entity, table);
            var key = BusinessKey(context, store);
            return store.Delete(key) ? Results.Ok() : store.NotFound(key).ToResult();
        });
    }

    private static EntityState FindEntity(EmulatorCore core, string entity) =>
        core.State.FindEntity(entity)
        ?? throw new ApiErrorException(ApiError.NotFound("ENTITY_NOT_FOUND", $"Entity '{entity}' does not exist."));

    /// <exception cref="ApiErrorException">404 for an unknown entity or table.</exception>
    private static CustomTableStore FindTable(EmulatorCore core, string entity, string table)
    {
        var entityState = FindEntity(core, entity);
        return entityState.FindCustomTable(table)
            ?? throw new ApiErrorException(ApiError.NotFound(
                "CUSTOM_TABLE_NOT_FOUND", $"Custom table '{table}' does not exist in entity '{entityState.Definition.Name}'."));
    }

    /// <summary>
    /// The last path segment, decoded from the raw target (a String key may hold any character, %2F included),
    /// typed as the business key's field.
    /// </summary>
    /// <exception cref="ApiErrorException">400 INVALID_FIELD_VALUE: the segment cannot be a value of the key's type.</exception>
    private static object BusinessKey(HttpContext context, CustomTableStore store)
    {
        var text = ProfileLookup.RawLastSegment(context);
        return CustomValues.Parse(store.Schema.BusinessKey, text)
            ?? throw CustomRecordParser.MissingBusinessKey(store.Schema);
    }

    private static IResult KeyAnswer(object businessKey) =>
        Json(new JsonObject { ["businessKey"] = CustomTableJson.BusinessKey(businessKey) });

    private static IResult Json(JsonObject body) => Results.Json(body, EmulatorJson.Api);
}
