using System.Globalization;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Profiles;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// An import into a profile table. Lines are matched on the table's unique attributes as the one-by-one
/// POST matches (or on <c>keyAttribute</c> alone when the definition names one) and written through the
/// same store operation; only the attributes a line gives change.
/// </summary>
internal sealed class ProfileEtlTarget : EtlTarget
{
    private readonly ProfileTableStore _store;
    private readonly Dictionary<string, ProfileEtlColumn> _columns;
    private readonly AttributeSchema? _key;
    private readonly ProfileWriteRules _rules;

    private ProfileEtlTarget(ProfileTableStore store, EtlMode mode, Dictionary<string, ProfileEtlColumn> columns, AttributeSchema? key)
        : base(mode)
    {
        _store = store;
        _columns = columns;
        _key = key;
        _rules = mode switch
        {
            EtlMode.CreateOnly => new(AllowCreate: true, AllowUpdate: false, FullData: false, key, "the import mode is CREATE_ONLY"),
            EtlMode.UpdateOnly => new(AllowCreate: false, AllowUpdate: true, FullData: false, key, ""),
            _ => new(AllowCreate: true, AllowUpdate: true, FullData: false, key, ""),
        };
    }

    public override EtlDestinationType Type => EtlDestinationType.ProfileTable;
    public override string TableId => Schema.Id;
    public override string TableName => Schema.Name;
    public override string KeyColumnName => "profileId";

    private ProfileTableSchema Schema => _store.Schema;

    /// <exception cref="ApiErrorException">400: a mapping or key that cannot load this table.</exception>
    public static ProfileEtlTarget Create(ProfileTableStore store, EtlDefinition definition)
    {
        var columns = new Dictionary<string, ProfileEtlColumn>(StringComparer.Ordinal);
        var fields = new Dictionary<string, EtlMapping>(StringComparer.Ordinal);
        foreach (var mapping in definition.Mapping)
        {
            if (!fields.TryAdd(mapping.AttributeName, mapping))
            {
                throw InvalidMapping($"{mapping.Where}: '{mapping.AttributeName}' is already mapped from header '{fields[mapping.AttributeName].Header}'.", mapping.AttributeName);
            }

            columns.Add(mapping.Header, ProfileEtlColumn.Resolve(store.Schema, mapping, definition.Mode));
        }

        var key = ResolveKey(store.Schema, definition, columns);
        if ((definition.Mode is EtlMode.UpdateOnly or EtlMode.Delete) && key is null && !columns.Values.Any(c => c.Attribute?.Unique == true))
        {
            throw InvalidMapping(
                $"Mode {definition.Mode.ToWire()} finds each line's profile by a unique attribute, and attributesMapping maps none (unique in '{store.Schema.Name}': {UniqueNames(store.Schema)}).",
                $"{definition.Path}.destination.attributesMapping");
        }

        return new ProfileEtlTarget(store, definition.Mode, columns, key);
    }

    public override bool Maps(string header) => _columns.ContainsKey(header);

    public override void CheckHeader(IReadOnlyList<string> headers)
    {
        var present = headers.Select(h => _columns[h]).ToList();
        if (_key is not null && !present.Any(c => c.Attribute == _key))
        {
            throw new EtlFileException(EtlFailureCodes.MissingKeyColumn,
                $"The file has no column for the key attribute '{_key.Name}' (mapped from header '{_columns.Values.First(c => c.Attribute == _key).Mapping.Header}').");
        }

        if ((Mode is EtlMode.UpdateOnly or EtlMode.Delete) && !present.Any(c => c.Attribute?.Unique == true))
        {
            throw new EtlFileException(EtlFailureCodes.MissingKeyColumn,
                $"Mode {Mode.ToWire()} finds each line's profile by a unique attribute, and no column of the file holds one ({UniqueNames(Schema)}).");
        }
    }

    public override EtlLineResult Load(IReadOnlyList<string> headers, IReadOnlyList<string> values)
    {
        try
        {
            var write = Read(headers, values);
            var keys = _key is null ? Schema.UniqueAttributes.ToList() : [_key];
            if ((Mode is EtlMode.UpdateOnly or EtlMode.Delete || _key is not null) && !write.GivesAny(keys))
            {
                return EtlLineResult.Failed(ApiError.BadRequest(
                    "MISSING_KEY_VALUE",
                    _key is null
                        ? $"The line gives no value to any unique attribute ({UniqueNames(Schema)}) to find its profile by."
                        : $"The line gives no value to the key attribute '{_key.Name}'.",
                    _key?.Name));
            }

            if (Mode != EtlMode.Delete)
            {
                ProfileRequestParser.CheckMandatory(Schema, write, fullData: false);
            }

            var result = Mode == EtlMode.Delete ? _store.Delete(write, _key) : _store.Write(write, _rules);
            if (result.Error is { } error)
            {
                return EtlLineResult.Failed(error);
            }

            var action = Mode == EtlMode.Delete ? EtlLineAction.Deleted : result.Created ? EtlLineAction.Inserted : EtlLineAction.Updated;
            return new EtlLineResult(action, result.ProfileId.ToString(CultureInfo.InvariantCulture), null);
        }
        catch (ApiErrorException ex)
        {
            return EtlLineResult.Failed(ex.Error);
        }
    }

    private ProfileWrite Read(IReadOnlyList<string> headers, IReadOnlyList<string> values)
    {
        var write = new ProfileWrite();
        for (var i = 0; i < headers.Count; i++)
        {
            var column = _columns[headers[i]];
            var text = values[i];
            if ((Mode == EtlMode.Delete && !IsKey(column)) || (text.Length == 0 && column.Mapping.IgnoreEmptyValues))
            {
                continue;
            }

            try
            {
                column.AddTo(write, text);
            }
            catch (ApiErrorException) when (column.Mapping.IgnoreInvalidValues)
            {
                // The mapping asked for an invalid value to be left out rather than fail its line.
            }
        }

        return write;
    }

    /// <summary>A DELETE line reads only what finds the profile.</summary>
    private bool IsKey(ProfileEtlColumn column) =>
        column.Attribute is { } attribute && (_key is null ? attribute.Unique : attribute == _key);

    private static AttributeSchema? ResolveKey(ProfileTableSchema schema, EtlDefinition definition, Dictionary<string, ProfileEtlColumn> columns)
    {
        var field = $"{definition.Path}.parameters.keyAttribute";
        if (definition.KeyAttribute is not { } name)
        {
            return null;
        }

        var attribute = schema.FindAttribute(name)
            ?? throw new ApiErrorException(ApiError.BadRequest("UNKNOWN_ATTRIBUTE", $"{field}: attribute '{name}' does not exist in profile table '{schema.Name}'.", field));
        if (!attribute.Unique)
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "ATTRIBUTE_NOT_UNIQUE", $"{field}: attribute '{name}' is not unique, so it cannot identify a profile (unique: {UniqueNames(schema)}).", field));
        }

        return columns.Values.Any(c => c.Attribute == attribute)
            ? attribute
            : throw InvalidMapping($"{field}: attribute '{name}' is not mapped from any header of attributesMapping.", field);
    }

    private static string UniqueNames(ProfileTableSchema schema) => string.Join(", ", schema.UniqueAttributes.Select(a => a.Name));
}
