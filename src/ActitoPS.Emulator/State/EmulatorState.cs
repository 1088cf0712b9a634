using ActitoPS.Emulator.Profiles;
using ActitoPS.Emulator.Retirement;

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
        _entities = licence.Entities
            .Select(e => new EntityState(e, e.ProfileTables.Select(t => new ProfileTableStore(new ProfileTableSchema(e.Name, t), ids, time)).ToList()))
            .ToList();
        RetiredApis = (licence.RetiredApis ?? []).Select(RetiredApi.Find).OfType<RetiredApi>().ToList();
    }

    public Licence Licence { get; }

    public IReadOnlyList<RetiredApi> RetiredApis { get; }

    public IReadOnlyList<EntityState> Entities => _entities;

    /// <summary>Entity names are not case-sensitive.</summary>
    public EntityState? FindEntity(string name) =>
        _entities.FirstOrDefault(e => string.Equals(e.Definition.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool HasApiKey(string key) => Licence.ApiKeys.Contains(key, StringComparer.Ordinal);
}

internal sealed class EntityState(LicenceEntity definition, IReadOnlyList<ProfileTableStore> profileTables)
{
    public LicenceEntity Definition { get; } = definition;
    public IReadOnlyList<ProfileTableStore> ProfileTables { get; } = profileTables;

    /// <summary>By name (any case) first, then by id.</summary>
    public ProfileTableStore? FindProfileTable(string nameOrId) =>
        ProfileTables.FirstOrDefault(t => string.Equals(t.Schema.Name, nameOrId, StringComparison.OrdinalIgnoreCase))
        ?? ProfileTables.FirstOrDefault(t => string.Equals(t.Schema.Id, nameOrId, StringComparison.Ordinal));
}
