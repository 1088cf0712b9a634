using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.CustomTables;

/// <summary>
/// The records of one custom table, keyed by business key. One lock per table makes "look up, check, then
/// apply" atomic, and every check comes before any change, so a refused call changes nothing.
/// </summary>
internal sealed class CustomTableStore
{
    private static readonly Comparer<object?> ValueOrder = Comparer<object?>.Create(CustomValues.Compare);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<object, StoredRecord> _byKey = [];

    /// <summary>Unique fields other than the business key and id: value → record.</summary>
    private readonly Dictionary<CustomFieldSchema, Dictionary<object, StoredRecord>> _unique;

    /// <summary>The highest id ever given: ids are never reused, even after a delete.</summary>
    private long _lastId;

    /// <param name="seeds">Validated seed records (see <see cref="SeedRecords"/>).</param>
    public CustomTableStore(CustomTableSchema schema, IEnumerable<Dictionary<CustomFieldSchema, object>> seeds, TimeProvider time, DateTimeOffset loadedAt)
    {
        Schema = schema;
        _time = time;
        _unique = schema.OtherUniqueFields.ToDictionary(f => f, _ => new Dictionary<object, StoredRecord>());

        var seeded = seeds.Select(values => new StoredRecord(values.ToDictionary(v => v.Key, v => v.Value), schema.Id)).ToList();
        _lastId = seeded.Select(r => r.Values.TryGetValue(schema.Id, out var id) ? (long)id : 0).DefaultIfEmpty(0).Max();
        foreach (var record in seeded)
        {
            if (!record.Values.ContainsKey(schema.Id))
            {
                record.Values[schema.Id] = ++_lastId;
            }

            record.Values.TryAdd(schema.CreationMoment, loadedAt);
            record.Values.TryAdd(schema.UpdateMoment, loadedAt);
            _byKey.Add(record.Values[schema.BusinessKey], record);
            Index(record);
        }
    }

    public CustomTableSchema Schema { get; }

    /// <summary>
    /// POST …/record: creates the record, or with <paramref name="allowUpdate"/> updates the one holding the
    /// business key (the given fields replace their values; the others stay).
    /// </summary>
    /// <returns>The record's business key, and whether the record is new (an ETL counts it as inserted).</returns>
    /// <exception cref="ApiErrorException">400, or 409 RECORD_ALREADY_EXISTS / UNIQUE_KEY_CONFLICT; nothing changed.</exception>
    /// <param name="updateRefusal">Why an update is refused, for the RECORD_ALREADY_EXISTS message.</param>
    public CustomUpsertResult Upsert(CustomRecordWrite write, bool allowUpdate, string updateRefusal = "allowUpdate is false")
    {
        var key = write.BusinessKey ?? throw CustomRecordParser.MissingBusinessKey(Schema);
        CheckNoRequiredCleared(write);
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var existing))
            {
                if (!allowUpdate)
                {
                    throw new ApiErrorException(ApiError.Conflict(
                        "RECORD_ALREADY_EXISTS",
                        $"A record with {Schema.BusinessKey.Name}={CustomValues.ToText(key)} already exists in custom table '{Schema.TechnicalName}', and {updateRefusal}."));
                }

                CheckUnique(write, existing);
                Apply(existing, write, Now());
                return new CustomUpsertResult(key, Created: false);
            }

            var missing = Schema.Fields.FirstOrDefault(f => f.Required && !f.Technical && !write.Gives(f));
            if (missing is not null)
            {
                throw new ApiErrorException(ApiError.BadRequest(
                    "MISSING_REQUIRED_FIELD",
                    $"Field '{missing.Name}' is required to create a record in custom table '{Schema.TechnicalName}'.",
                    missing.Name));
            }

            CheckUnique(write, null);
            var now = Now();
            var created = new StoredRecord(new Dictionary<CustomFieldSchema, object>
            {
                [Schema.Id] = ++_lastId,
                [Schema.CreationMoment] = now,
            }, Schema.Id);
            _byKey.Add(key, created);
            Apply(created, write, now);
            return new CustomUpsertResult(key, Created: true);
        }
    }

    /// <summary>PUT …/record/{businessKey}: only the given fields change.</summary>
    /// <exception cref="ApiErrorException">404 RECORD_NOT_FOUND, 400, 409 UNIQUE_KEY_CONFLICT; nothing changed.</exception>
    public object Update(object key, CustomRecordWrite write)
    {
        CheckNoRequiredCleared(write);
        lock (_gate)
        {
            var record = _byKey.GetValueOrDefault(key) ?? throw new ApiErrorException(NotFound(key));
            if (write.BusinessKey is { } given && !Equals(given, key))
            {
                throw new ApiErrorException(ApiError.BadRequest(
                    "BUSINESS_KEY_MISMATCH",
                    $"The body gives {Schema.BusinessKey.Name}={CustomValues.ToText(given)} for the record {CustomValues.ToText(key)}: a business key cannot change (delete the record and create another).",
                    Schema.BusinessKey.Name));
            }

            CheckUnique(write, record);
            Apply(record, write, Now());
            return key;
        }
    }

    public bool Delete(object key)
    {
        lock (_gate)
        {
            if (!_byKey.Remove(key, out var record))
            {
                return false;
            }

            Unindex(record);
            return true;
        }
    }

    public CustomTableRecordSnapshot? Find(object key)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(key, out var record) ? record.ToSnapshot(Schema) : null;
        }
    }

    /// <summary>Records whose <paramref name="searchField"/> equals <paramref name="searchValue"/> (all when null), sorted, at most <paramref name="number"/>.</summary>
    public IReadOnlyList<CustomTableRecordSnapshot> Query(CustomFieldSchema? searchField, object? searchValue, CustomFieldSchema sortedField, bool ascending, int number)
    {
        lock (_gate)
        {
            var records = _byKey.Values.Where(r => searchField is null || Equals(r.Values.GetValueOrDefault(searchField), searchValue));
            Func<StoredRecord, object?> sortKey = r => r.Values.GetValueOrDefault(sortedField);
            var sorted = ascending
                ? records.OrderBy(sortKey, ValueOrder).ThenBy(r => r.Id)
                : records.OrderByDescending(sortKey, ValueOrder).ThenByDescending(r => r.Id);
            return sorted.Take(number).Select(r => r.ToSnapshot(Schema)).ToList();
        }
    }

    /// <summary>By id.</summary>
    public IReadOnlyList<CustomTableRecordSnapshot> Snapshot()
    {
        lock (_gate)
        {
            return _byKey.Values.OrderBy(r => r.Id).Select(r => r.ToSnapshot(Schema)).ToList();
        }
    }

    public ApiError NotFound(object key) =>
        ApiError.NotFound("RECORD_NOT_FOUND", $"No record with {Schema.BusinessKey.Name}={CustomValues.ToText(key)} in custom table '{Schema.TechnicalName}'.");

    private void CheckNoRequiredCleared(CustomRecordWrite write)
    {
        var cleared = write.Fields.FirstOrDefault(f => f.Key.Required && f.Value is null);
        if (cleared.Key is not null)
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "MISSING_REQUIRED_FIELD", $"Field '{cleared.Key.Name}' is required and must have a value.", cleared.Key.Name));
        }
    }

    private void CheckUnique(CustomRecordWrite write, StoredRecord? self)
    {
        foreach (var (field, value) in write.Fields)
        {
            if (value is not null && _unique.TryGetValue(field, out var index) && index.TryGetValue(value, out var holder) && holder != self)
            {
                throw new ApiErrorException(ApiError.Conflict(
                    "UNIQUE_KEY_CONFLICT",
                    $"Field '{field.Name}' is unique and {CustomValues.ToText(value)} already belongs to the record {Schema.BusinessKey.Name}={CustomValues.ToText(holder.Values[Schema.BusinessKey])}. Nothing was applied."));
            }
        }
    }

    private void Apply(StoredRecord record, CustomRecordWrite write, DateTimeOffset now)
    {
        Unindex(record);
        foreach (var (field, value) in write.Fields)
        {
            if (value is null)
            {
                record.Values.Remove(field);
            }
            else
            {
                record.Values[field] = value;
            }
        }

        record.Values[Schema.UpdateMoment] = now;
        record.WriteCount++;
        Index(record);
    }

    private void Index(StoredRecord record)
    {
        foreach (var (field, index) in _unique)
        {
            if (record.Values.TryGetValue(field, out var value))
            {
                index[value] = record;
            }
        }
    }

    private void Unindex(StoredRecord record)
    {
        foreach (var (field, index) in _unique)
        {
            if (record.Values.TryGetValue(field, out var value))
            {
                index.Remove(value);
            }
        }
    }

    /// <summary>The emulator's clock, in UTC, to the second (Actito's dates carry whole seconds).</summary>
    private DateTimeOffset Now() => CustomValues.WholeSeconds(_time.GetUtcNow());

    /// <summary>Only touched under the table's lock.</summary>
    private sealed class StoredRecord(Dictionary<CustomFieldSchema, object> values, CustomFieldSchema idField)
    {
        public Dictionary<CustomFieldSchema, object> Values { get; } = values;
        public int WriteCount { get; set; }
        public long Id => (long)Values[idField];

        public CustomTableRecordSnapshot ToSnapshot(CustomTableSchema schema)
        {
            var properties = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var field in schema.Fields)
            {
                if (Values.TryGetValue(field, out var value))
                {
                    properties[field.Name] = value;
                }
            }

            return new CustomTableRecordSnapshot(CustomValues.ToText(Values[schema.BusinessKey]), properties, WriteCount);
        }
    }
}

internal readonly record struct CustomUpsertResult(object BusinessKey, bool Created);
