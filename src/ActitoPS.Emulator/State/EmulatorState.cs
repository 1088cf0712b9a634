using ActitoPS.Emulator.CustomTables;
using ActitoPS.Emulator.MassImports;
using ActitoPS.Emulator.Profiles;
using ActitoPS.Emulator.Retirement;
using ActitoPS.Emulator.Webhooks;

namespace ActitoPS.Emulator.State;

/// <summary>
/// The data of one licence. Loading a licence or resetting builds a new instance and swaps it in whole,
/// so a request never sees half of an old state and half of a new one.
/// </summary>
internal sealed class EmulatorState
{
    private readonly List<EntityState> _entities;

    public EmulatorState(Licence licence, TimeProvider time)
    {
        Licence = licence;
        var ids = new ProfileIdSequence();
        var loadedAt = CustomValues.WholeSeconds(time.GetUtcNow());
        _entities = licence.Entities
            .Select((e, index) => new EntityState(
                e,
                e.ProfileTables.Select(t => new ProfileTableStore(new ProfileTableSchema(e.Name, t), ids, time)).ToList(),
                e.CustomTables.Select(t => CreateCustomTable(e, index + 1, t, time, loadedAt)).ToList()))
            .ToList();
        RetiredApis = (licence.RetiredApis ?? []).Select(RetiredApi.Find).OfType<RetiredApi>().ToList();
    }

    public Licence Licence { get; }

    public IReadOnlyList<RetiredApi> RetiredApis { get; }

    /// <summary>ETL executions (one-shot and triggered) and the day's import counts: a reset clears them with the rest.</summary>
    public EtlExecutionStore Etl { get; } = new();

    /// <summary>TRIGGERED ETL definitions: a reset clears them.</summary>
    public EtlDefinitionStore Etls { get; } = new();

    /// <summary>Webhook subscriptions and their deliveries: a reset clears them.</summary>
    public WebhookStore Webhooks { get; } = new();

    public IReadOnlyList<EntityState> Entities => _entities;

    /// <summary>Entity names are not case-sensitive.</summary>
    public EntityState? FindEntity(string name) =>
        _entities.FirstOrDefault(e => string.Equals(e.Definition.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool HasApiKey(string key) => Licence.ApiKeys.Contains(key, StringComparer.Ordinal);

    /// <summary>A table filled with the licence's seed records, which the licence validator has already checked.</summary>
    private static CustomTableStore CreateCustomTable(LicenceEntity entity, int entityPosition, CustomTableDefinition table, TimeProvider time, DateTimeOffset loadedAt)
    {
        var schema = new CustomTableSchema(entity.Name, entityPosition, table, loadedAt);
        var problems = new List<string>();
        var seeds = SeedRecords.Read(schema, table.Records ?? [], schema.ToString(), problems);
        return problems.Count == 0
            ? new CustomTableStore(schema, seeds, time, loadedAt)
            : throw new LicenceException("Invalid licence: " + string.Join("; ", problems) + ".");
    }
}

internal sealed class EntityState(LicenceEntity definition, IReadOnlyList<ProfileTableStore> profileTables, IReadOnlyList<CustomTableStore> customTables)
{
    public LicenceEntity Definition { get; } = definition;
    public IReadOnlyList<ProfileTableStore> ProfileTables { get; } = profileTables;
    public IReadOnlyList<CustomTableStore> CustomTables { get; } = customTables;

    /// <summary>By technicalName (any case) first, then by id.</summary>
    public CustomTableStore? FindCustomTable(string nameOrId) =>
        CustomTables.FirstOrDefault(t => string.Equals(t.Schema.TechnicalName, nameOrId, StringComparison.OrdinalIgnoreCase))
        ?? CustomTables.FirstOrDefault(t => !string.IsNullOrEmpty(t.Schema.TableId) && string.Equals(t.Schema.TableId, nameOrId, StringComparison.OrdinalIgnoreCase));

    /// <summary>By name (any case) first, then by id.</summary>
    public ProfileTableStore? FindProfileTable(string nameOrId) =>
        ProfileTables.FirstOrDefault(t => string.Equals(t.Schema.Name, nameOrId, StringComparison.OrdinalIgnoreCase))
        ?? ProfileTables.FirstOrDefault(t => string.Equals(t.Schema.Id, nameOrId, StringComparison.Ordinal));
}
