using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.MassImports;

/// <summary>The TRIGGERED ETL definitions of one licence state: a reset or a new licence starts with none.</summary>
internal sealed class EtlDefinitionStore() : NumberedStore<TriggeredEtl>(FirstId, etl => etl.Id)
{
    /// <summary>The feeding guide's example ETL id (its trigger-execution call and webhook use 123456).</summary>
    public const long FirstId = 123456;
}
