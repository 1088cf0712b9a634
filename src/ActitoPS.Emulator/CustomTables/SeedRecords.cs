using System.Globalization;
using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.CustomTables;

/// <summary>
/// A licence's seed records, read with the API's own value rules. Unlike a call, a seed may carry the
/// technical fields (the guide's records show their id and moments); what it leaves out the store fills in.
/// </summary>
internal static class SeedRecords
{
    /// <returns>Each record's values by field; records with a problem are left out.</returns>
    public static List<Dictionary<CustomFieldSchema, object>> Read(CustomTableSchema schema, IReadOnlyList<CustomTableRecord> records, string where, List<string> problems)
    {
        var result = new List<Dictionary<CustomFieldSchema, object>>();
        var keys = new HashSet<object>();
        var ids = new HashSet<object>();
        var unique = schema.OtherUniqueFields.ToDictionary(f => f, _ => new HashSet<object>());
        for (var index = 0; index < records.Count; index++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{where}: records[{index}]");
            if (records[index] is not { } record)
            {
                problems.Add($"{at} is null");
                continue;
            }

            var values = ReadOne(schema, record, at, problems);
            if (values is null)
            {
                continue;
            }

            if (!values.TryGetValue(schema.BusinessKey, out var key))
            {
                problems.Add($"{at} has no value for the business key '{schema.BusinessKey.Name}'");
                continue;
            }

            var missing = schema.Fields.Where(f => f.Required && !f.Technical && !values.ContainsKey(f)).Select(f => f.Name).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{at} has no value for required field(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}");
                continue;
            }

            if (!keys.Add(key))
            {
                problems.Add($"{at}: business key {schema.BusinessKey.Name}={CustomValues.ToText(key)} appears twice");
                continue;
            }

            if (values.TryGetValue(schema.Id, out var id) && !ids.Add(id))
            {
                problems.Add($"{at}: id {CustomValues.ToText(id)} appears twice");
                continue;
            }

            var clash = unique.FirstOrDefault(u => values.TryGetValue(u.Key, out var value) && !u.Value.Add(value));
            if (clash.Key is not null)
            {
                problems.Add($"{at}: unique field '{clash.Key.Name}' value {CustomValues.ToText(values[clash.Key])} appears twice");
                continue;
            }

            result.Add(values);
        }

        return result;
    }

    private static Dictionary<CustomFieldSchema, object>? ReadOne(CustomTableSchema schema, CustomTableRecord record, string at, List<string> problems)
    {
        var values = new Dictionary<CustomFieldSchema, object>();
        foreach (var property in record.Properties ?? [])
        {
            var field = schema.FindField(property.Name ?? "");
            if (field is null)
            {
                problems.Add($"{at}: field '{property.Name}' does not exist in the table");
                return null;
            }

            if (values.ContainsKey(field))
            {
                problems.Add($"{at}: field '{field.Name}' is given more than once");
                return null;
            }

            try
            {
                if (property.Value is { } json && CustomValues.Parse(field, json) is { } value)
                {
                    values[field] = value;
                }
            }
            catch (ApiErrorException ex)
            {
                problems.Add($"{at}: {ex.Error.Message.TrimEnd('.')}");
                return null;
            }
        }

        return values;
    }
}
