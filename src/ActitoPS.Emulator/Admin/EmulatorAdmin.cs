using System.Text.Json;
using ActitoPS.Emulator.MassImports;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator;

/// <summary>
/// Control of a running emulator from C#: the operations the <c>/_emulator/</c> HTTP API exposes
/// (that API is a thin layer over this class).
/// </summary>
public sealed class EmulatorAdmin
{
    private readonly EmulatorCore _core;

    internal EmulatorAdmin(EmulatorCore core)
    {
        _core = core;
    }

    /// <summary>A copy of the licence in force.</summary>
    public Licence Licence => _core.State.Licence.Clone();

    public EmulatorSettings Settings => _core.Settings.Current;

    /// <summary>Requests being handled now (not counting /_emulator/ calls).</summary>
    public int InFlightRequests => _core.Gate.InFlight;

    /// <summary>Requests held back now by callsPerMinute.</summary>
    public int RateLimitedRequests => _core.Rate.Waiting;

    /// <summary>Replaces the licence and resets all state, settings included.</summary>
    /// <exception cref="LicenceException">The licence is invalid; nothing changes.</exception>
    public void LoadLicence(Licence licence)
    {
        ArgumentNullException.ThrowIfNull(licence);
        _core.Load(licence);
    }

    /// <summary>
    /// Clears profiles, ETL definitions and executions and the day's import counts, webhook subscriptions and
    /// deliveries (retries still waiting stop), tokens, faults, the request log and the call-rate window; custom
    /// tables go back to the licence's seed records; settings go back to the licence's limits (and etlDurationMs
    /// to its default).
    /// </summary>
    public void Reset() => _core.Reset();

    public EmulatorStateSnapshot GetState() =>
        new(_core.State.Entities
            .Select(e => new EntitySnapshot(
                e.Definition.Name,
                e.ProfileTables.Select(t => new ProfileTableSnapshot(t.Schema.Id, t.Schema.Name, t.Snapshot())).ToList(),
                e.CustomTables.Select(t => new CustomTableSnapshot(t.Schema.TableId, t.Schema.TechnicalName, t.Snapshot())).ToList()))
            .ToList());

    /// <param name="entity">Entity name, any case.</param>
    /// <param name="table">Profile table name (any case) or id.</param>
    /// <exception cref="KeyNotFoundException">No such entity or table.</exception>
    public IReadOnlyList<ProfileSnapshot> GetProfiles(string entity, string table)
    {
        var entityState = _core.State.FindEntity(entity) ?? throw new KeyNotFoundException($"No entity '{entity}' in the licence.");
        var store = entityState.FindProfileTable(table) ?? throw new KeyNotFoundException($"No profile table '{table}' in entity '{entity}'.");
        return store.Snapshot();
    }

    /// <summary>The records of a custom table, by id, as of now.</summary>
    /// <param name="entity">Entity name, any case.</param>
    /// <param name="table">Custom table technicalName (any case) or id.</param>
    /// <exception cref="KeyNotFoundException">No such entity or table.</exception>
    public IReadOnlyList<CustomTableRecordSnapshot> GetRecords(string entity, string table)
    {
        var entityState = _core.State.FindEntity(entity) ?? throw new KeyNotFoundException($"No entity '{entity}' in the licence.");
        var store = entityState.FindCustomTable(table) ?? throw new KeyNotFoundException($"No custom table '{table}' in entity '{entity}'.");
        return store.Snapshot();
    }

    /// <summary>The ETL executions (one-shot and triggered) since the last reset, oldest first, each as of now.</summary>
    public IReadOnlyList<EtlExecutionSnapshot> GetEtlExecutions() => _core.State.Etl.List().Select(e => e.ToSnapshot()).ToList();

    /// <summary>The TRIGGERED ETL definitions of every entity (those deleted aside), oldest first.</summary>
    public IReadOnlyList<EtlDefinitionSnapshot> GetEtlDefinitions() =>
        _core.State.Etls.List()
            .Select(e => new EtlDefinitionSnapshot(
                e.Id,
                e.Entity,
                e.Name,
                e.Paused,
                e.Files.Select(f => new EtlDefinitionFileSnapshot(f.FileCode, f.Pattern?.Text, f.Target.Type.ToWire(), f.Target.TableName, f.Loading.Mode.ToWire())).ToList(),
                e.CreatedAt,
                JsonSerializer.SerializeToElement(EtlJson.Etl(e))))
            .ToList();

    /// <summary>The webhook subscriptions of every entity (those deleted aside), oldest first.</summary>
    public IReadOnlyList<WebhookSubscriptionSnapshot> GetWebhookSubscriptions() => _core.State.Webhooks.List().Select(s => s.ToSnapshot()).ToList();

    /// <summary>The webhook calls made since the last reset, one per event and subscription, oldest first, each as of now.</summary>
    public IReadOnlyList<WebhookDeliverySnapshot> GetWebhookDeliveries() => _core.State.Webhooks.Deliveries().Select(d => d.ToSnapshot()).ToList();

    /// <summary>Oldest first. Holds the kind of credential each request carried, never its value.</summary>
    public IReadOnlyList<RequestLogEntry> GetRequestLog() => _core.Journal.List();

    public void ClearRequestLog() => _core.Journal.Clear();

    /// <exception cref="ArgumentException">The fault cannot be injected as described.</exception>
    public void AddFault(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _core.Faults.Add(fault);
    }

    /// <summary>Live faults with their remaining counts.</summary>
    public IReadOnlyList<FaultSpec> GetFaults() => _core.Faults.List();

    public void ClearFaults() => _core.Faults.Clear();

    /// <summary>
    /// The access tokens issued since the last reset, oldest first: for tests that search a client's output
    /// for secrets. C# only; the HTTP admin API does not serve them.
    /// </summary>
    public IReadOnlyList<string> GetIssuedTokens() => _core.Tokens.Values();

    /// <summary>Every token issued so far answers 401 "Token expired" from now on.</summary>
    public void ExpireAllTokens() => _core.Tokens.ExpireAll();

    /// <exception cref="ArgumentException">A value is out of range; nothing changes.</exception>
    public EmulatorSettings UpdateSettings(EmulatorSettingsUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return _core.Settings.Update(update);
    }
}
