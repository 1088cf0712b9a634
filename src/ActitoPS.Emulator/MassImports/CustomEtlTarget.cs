using ActitoPS.Emulator.CustomTables;
using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// An import into a custom table (destination type CUSTOM_TABLE). Every line is found by the table's
/// business key and written through the same store operations as the record calls: CREATE_OR_UPDATE is
/// POST with allowUpdate=true, CREATE_ONLY with allowUpdate=false, UPDATE_ONLY is PUT, DELETE is DELETE.
/// Field names match in any case, as in the record calls.
/// </summary>
internal sealed class CustomEtlTarget : EtlTarget
{
    private readonly CustomTableStore _store;
    private readonly Dictionary<string, (EtlMapping Mapping, CustomFieldSchema Field)> _columns;

    private CustomEtlTarget(CustomTableStore store, EtlMode mode, Dictionary<string, (EtlMapping, CustomFieldSchema)> columns)
        : base(mode)
    {
        _store = store;
        _columns = columns;
    }

    public override EtlDestinationType Type => EtlDestinationType.CustomTable;
    public override string TableId => string.IsNullOrEmpty(Schema.TableId) ? Schema.TechnicalName : Schema.TableId;
    public override string TableName => Schema.TechnicalName;
    public override string KeyColumnName => "businessKey";

    private CustomTableSchema Schema => _store.Schema;

    /// <exception cref="ApiErrorException">400: a mapping that cannot load this table.</exception>
    public static CustomEtlTarget Create(CustomTableStore store, EtlDefinition definition)
    {
        var schema = store.Schema;
        var columns = new Dictionary<string, (EtlMapping, CustomFieldSchema)>(StringComparer.Ordinal);
        var fields = new Dictionary<CustomFieldSchema, EtlMapping>();
        foreach (var mapping in definition.Mapping)
        {
            CustomFieldSchema field;
            try
            {
                field = CustomRecordParser.WritableField(schema, mapping.AttributeName);
            }
            catch (ApiErrorException ex)
            {
                throw MappingError(mapping, ex.Error);
            }

            if (!fields.TryAdd(field, mapping))
            {
                throw InvalidMapping($"{mapping.Where}: field '{field.Name}' is already mapped from header '{fields[field].Header}'.", field.Name);
            }

            columns.Add(mapping.Header, (mapping, field));
        }

        if (definition.KeyAttribute is { } key && !string.Equals(key, schema.BusinessKey.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw InvalidMapping(
                $"{definition.Path}.parameters.keyAttribute '{key}': the lines of custom table '{schema.TechnicalName}' are found by its business key '{schema.BusinessKey.Name}'.",
                $"{definition.Path}.parameters.keyAttribute");
        }

        if (!fields.ContainsKey(schema.BusinessKey))
        {
            throw InvalidMapping(
                $"attributesMapping does not map the business key '{schema.BusinessKey.Name}' of custom table '{schema.TechnicalName}', which every line needs.",
                schema.BusinessKey.Name);
        }

        return new CustomEtlTarget(store, definition.Mode, columns);
    }

    public override bool Maps(string header) => _columns.ContainsKey(header);

    public override void CheckHeader(IReadOnlyList<string> headers)
    {
        if (!headers.Any(h => _columns[h].Field == Schema.BusinessKey))
        {
            var header = _columns.Values.First(c => c.Field == Schema.BusinessKey).Mapping.Header;
            throw new EtlFileException(EtlFailureCodes.MissingKeyColumn,
                $"The file has no column '{header}', mapped to the business key '{Schema.BusinessKey.Name}' that every line needs.");
        }
    }

    public override EtlLineResult Load(IReadOnlyList<string> headers, IReadOnlyList<string> values)
    {
        try
        {
            var write = Read(headers, values);
            var key = write.BusinessKey ?? throw CustomRecordParser.MissingBusinessKey(Schema);
            var action = Mode switch
            {
                EtlMode.CreateOrUpdate or EtlMode.CreateOnly =>
                    _store.Upsert(write, allowUpdate: Mode == EtlMode.CreateOrUpdate, "the import mode is CREATE_ONLY").Created
                        ? EtlLineAction.Inserted
                        : EtlLineAction.Updated,
                EtlMode.UpdateOnly => UpdateExisting(key, write),
                _ => _store.Delete(key) ? EtlLineAction.Deleted : throw new ApiErrorException(_store.NotFound(key)),
            };
            return new EtlLineResult(action, CustomValues.ToText(key), null);
        }
        catch (ApiErrorException ex)
        {
            return EtlLineResult.Failed(ex.Error);
        }
    }

    private CustomRecordWrite Read(IReadOnlyList<string> headers, IReadOnlyList<string> values)
    {
        var write = new CustomRecordWrite();
        for (var i = 0; i < headers.Count; i++)
        {
            var (mapping, field) = _columns[headers[i]];
            var text = values[i];
            if ((Mode == EtlMode.Delete && field != Schema.BusinessKey) || (text.Length == 0 && mapping.IgnoreEmptyValues))
            {
                continue;
            }

            object? value;
            try
            {
                value = CustomValues.Parse(field, text);
            }
            catch (ApiErrorException) when (mapping.IgnoreInvalidValues && field != Schema.BusinessKey)
            {
                // The mapping asked for an invalid value to be left out rather than fail its line.
                continue;
            }

            write.Fields.Add(new(field, value));
            if (field == Schema.BusinessKey)
            {
                write.BusinessKey = value;
            }
        }

        return write;
    }

    /// <exception cref="ApiErrorException">404 RECORD_NOT_FOUND and the PUT's other refusals.</exception>
    private EtlLineAction UpdateExisting(object key, CustomRecordWrite write)
    {
        _store.Update(key, write);
        return EtlLineAction.Updated;
    }
}
