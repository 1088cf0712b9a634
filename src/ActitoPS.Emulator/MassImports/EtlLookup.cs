using System.Globalization;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.MassImports;

internal static class EtlLookup
{
    /// <exception cref="ApiErrorException">404 ENTITY_NOT_FOUND.</exception>
    public static EntityState FindEntity(EmulatorState state, string entity) =>
        state.FindEntity(entity) ?? throw new ApiErrorException(ApiError.NotFound("ENTITY_NOT_FOUND", $"Entity '{entity}' does not exist."));

    /// <summary>An execution of this entity: another entity's id is as unknown as an id never given.</summary>
    /// <exception cref="ApiErrorException">404 ENTITY_NOT_FOUND or ETL_EXECUTION_NOT_FOUND, 400 INVALID_EXECUTION_ID.</exception>
    public static EtlExecution FindExecution(EmulatorCore core, string entity, string executionId)
    {
        var state = core.State;
        var entityState = FindEntity(state, entity);
        if (!long.TryParse(executionId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_EXECUTION_ID", $"ETL execution id {Profiles.AttributeValueParser.Quote(executionId)} is not a number.", "executionId"));
        }

        var execution = state.Etl.Find(id);
        return execution is not null && string.Equals(execution.Entity, entityState.Definition.Name, StringComparison.Ordinal)
            ? execution
            : throw new ApiErrorException(ApiError.NotFound(
                "ETL_EXECUTION_NOT_FOUND", string.Create(CultureInfo.InvariantCulture, $"No ETL execution {id} in entity '{entityState.Definition.Name}'.")));
    }

    /// <summary>A TRIGGERED ETL of this entity: another entity's id is as unknown as an id never given.</summary>
    /// <exception cref="ApiErrorException">404 ENTITY_NOT_FOUND or ETL_NOT_FOUND, 400 INVALID_ETL_ID.</exception>
    public static TriggeredEtl FindEtl(EmulatorState state, EntityState entity, string etlId)
    {
        if (!long.TryParse(etlId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ApiErrorException(ApiError.BadRequest("INVALID_ETL_ID", $"ETL id {Profiles.AttributeValueParser.Quote(etlId)} is not a number.", "etlId"));
        }

        var etl = state.Etls.Find(id);
        return etl is not null && string.Equals(etl.Entity, entity.Definition.Name, StringComparison.Ordinal)
            ? etl
            : throw new ApiErrorException(ApiError.NotFound(
                "ETL_NOT_FOUND", string.Create(CultureInfo.InvariantCulture, $"No ETL {id} in entity '{entity.Definition.Name}'.")));
    }
}
