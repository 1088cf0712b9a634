using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// A definition resolved against the licence's table: its mapping checked at submission, then each line of
/// the file loaded through the same validation and store operations as the one-by-one calls.
/// </summary>
internal abstract class EtlTarget(EtlMode mode)
{
    public EtlMode Mode { get; } = mode;

    public abstract EtlDestinationType Type { get; }
    public abstract string TableId { get; }
    public abstract string TableName { get; }

    /// <summary>The result file's third column: what a loaded line landed on (profileId, businessKey).</summary>
    public abstract string KeyColumnName { get; }

    /// <summary>Counts against bulkImportsPerTablePerDay: one count per table, whichever name or id the definition used.</summary>
    public string QuotaKey => $"{Type.ToWire()}:{TableId}";

    public abstract bool Maps(string header);

    /// <summary>Finds the definition's table and checks its mapping.</summary>
    /// <exception cref="ApiErrorException">400: an unknown table, or a mapping that cannot load it.</exception>
    public static EtlTarget Resolve(EntityState entity, EtlDefinition definition)
    {
        if (definition.DestinationType == EtlDestinationType.ProfileTable)
        {
            var profiles = entity.FindProfileTable(definition.DestinationRef) ?? throw UnknownTable(entity, definition, "profile table");
            return ProfileEtlTarget.Create(profiles, definition);
        }

        var records = entity.FindCustomTable(definition.DestinationRef) ?? throw UnknownTable(entity, definition, "custom table");
        return CustomEtlTarget.Create(records, definition);
    }

    /// <summary>The file's columns hold what every line needs to be matched by.</summary>
    /// <exception cref="EtlFileException">MISSING_KEY_COLUMN.</exception>
    public abstract void CheckHeader(IReadOnlyList<string> headers);

    /// <summary>Loads one line; a problem with it is that line's error, never an exception.</summary>
    public abstract EtlLineResult Load(IReadOnlyList<string> headers, IReadOnlyList<string> values);

    /// <summary>A mapping problem, with the mapping entry it comes from.</summary>
    protected static ApiErrorException MappingError(EtlMapping mapping, ApiError error) =>
        new(error with { Message = $"{mapping.Where}: {error.Message}", Field = error.Field ?? mapping.AttributeName });

    protected static ApiErrorException InvalidMapping(string message, string? field) =>
        new(ApiError.BadRequest("INVALID_MAPPING", message, field));

    private static ApiErrorException UnknownTable(EntityState entity, EtlDefinition definition, string kind) =>
        new(ApiError.BadRequest(
            "UNKNOWN_DESTINATION_TABLE",
            $"{definition.Path}.destination: no {kind} with id or name '{definition.DestinationRef}' in entity '{entity.Definition.Name}'.",
            $"{definition.Path}.destination.id"));
}

internal enum EtlLineAction
{
    Inserted,
    Updated,
    Deleted,
    Error,
}

/// <param name="Key">What the line landed on (a profile id, a business key), as text; null for a line in error.</param>
internal readonly record struct EtlLineResult(EtlLineAction Action, string? Key, ApiError? Error)
{
    public static EtlLineResult Failed(ApiError error) => new(EtlLineAction.Error, null, error);

    /// <summary>The result file's spelling.</summary>
    public string ActionName => Action.ToString().ToUpperInvariant();
}
