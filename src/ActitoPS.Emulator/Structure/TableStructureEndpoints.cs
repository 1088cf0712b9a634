using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Json;
using ActitoPS.Emulator.Profiles;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.Structure;

/// <summary>
/// /profile-table-structure/v5/entities/{e}/profile-tables[/{idOrName}]. The attribute shape is Actito's;
/// the list wrapper and the subscription and segmentation lists are the emulator's own choice.
/// </summary>
internal static class TableStructureEndpoints
{
    public static void MapTableStructureEndpoints(this IEndpointRouteBuilder routes, EmulatorCore core)
    {
        var group = routes.MapGroup("/profile-table-structure/v5/entities/{entity}/profile-tables");

        group.MapGet("", (string entity) =>
        {
            var entityState = core.State.FindEntity(entity);
            return entityState is null
                ? EntityNotFound(entity)
                : Results.Json(new TableList(entityState.ProfileTables.Select(t => Describe(t.Schema)).ToList()), EmulatorJson.Api);
        });

        group.MapGet("{idOrName}", (string entity, string idOrName) =>
        {
            var entityState = core.State.FindEntity(entity);
            if (entityState is null)
            {
                return EntityNotFound(entity);
            }

            var table = entityState.FindProfileTable(idOrName);
            return table is null
                ? ApiError.NotFound("PROFILE_TABLE_NOT_FOUND", $"Profile table '{idOrName}' does not exist in entity '{entityState.Definition.Name}'.").ToResult()
                : Results.Json(Describe(table.Schema), EmulatorJson.Api);
        });
    }

    private static IResult EntityNotFound(string entity) =>
        ApiError.NotFound("ENTITY_NOT_FOUND", $"Entity '{entity}' does not exist.").ToResult();

    private static TableStructure Describe(ProfileTableSchema schema) =>
        new(
            schema.Id,
            schema.Name,
            schema.Attributes.Select(a => new AttributeStructure(
                "CUSTOM",
                a.Name,
                a.Unique,
                a.Mandatory,
                a.Type.ToWireName(),
                false,
                a.MaxLength is null && a.MinLength is null ? null : new ValueRestriction(a.MaxLength, a.MinLength ?? 0))).ToList(),
            schema.Subscriptions.Select(s => new SubscriptionStructure(s)).ToList(),
            schema.Definition.Segmentations.Select(s => new SegmentationStructure(s.Name, s.Categories)).ToList());

    private sealed record TableList(IReadOnlyList<TableStructure> ProfileTables);

    private sealed record TableStructure(
        string Id,
        string Name,
        IReadOnlyList<AttributeStructure> Attributes,
        IReadOnlyList<SubscriptionStructure> Subscriptions,
        IReadOnlyList<SegmentationStructure> Segmentations);

    private sealed record AttributeStructure(
        string Type,
        string Name,
        bool Unique,
        bool Mandatory,
        string ValueType,
        bool MultiValued,
        ValueRestriction? ValueRestriction);

    private sealed record ValueRestriction(int? MaxLength, int MinLength);

    private sealed record SubscriptionStructure(string Name);

    private sealed record SegmentationStructure(string Name, IReadOnlyList<string> Categories);
}
