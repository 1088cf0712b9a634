namespace ActitoPS.Emulator.CustomTables;

/// <summary>What a licence's custom table must be for the emulator to serve it; every problem is reported.</summary>
internal static class CustomTableLicenceRules
{
    public static void Check(LicenceEntity entity, int entityPosition, CustomTableDefinition table, string where, List<string> problems)
    {
        var before = problems.Count;
        var attributes = table.Attributes ?? [];
        var fields = attributes.Select(a => a.FieldName).ToList();
        foreach (var attribute in attributes)
        {
            if (!CustomFieldTypes.TryParse(attribute.Type, out var type))
            {
                problems.Add($"{where}: attribute '{attribute.FieldName}' has unknown type '{attribute.Type}' (known: {string.Join(", ", CustomFieldTypes.Names)})");
                continue;
            }

            var technical = CustomTableSchema.TechnicalFields.FirstOrDefault(t => string.Equals(t.Name, attribute.FieldName, StringComparison.OrdinalIgnoreCase));
            if (technical.Name is not null && technical.Type != type)
            {
                problems.Add($"{where}: technical field '{attribute.FieldName}' must be of type {technical.Type}, not '{attribute.Type}'");
            }
        }

        if (!string.Equals(table.PrimaryKey, CustomTableSchema.IdField, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{where}: primaryKey must be '{CustomTableSchema.IdField}' (Actito's auto-generated technical id), not '{table.PrimaryKey}'");
        }

        if (string.IsNullOrWhiteSpace(table.BusinessKey))
        {
            problems.Add($"{where}: businessKey is required");
        }
        else if (!fields.Contains(table.BusinessKey, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{where}: businessKey '{table.BusinessKey}' is not one of its attributes");
        }
        else if (CustomTableSchema.IsTechnical(table.BusinessKey))
        {
            problems.Add($"{where}: businessKey '{table.BusinessKey}' is a technical field, which a call cannot give");
        }

        if (table.IndexedFields is { } indexed)
        {
            var known = fields.Concat(CustomTableSchema.TechnicalFields.Select(t => t.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in indexed)
            {
                if (string.IsNullOrWhiteSpace(name) || !known.Contains(name))
                {
                    problems.Add($"{where}: indexedFields names unknown field '{name}'");
                }
                else if (!seen.Add(name))
                {
                    problems.Add($"{where}: indexedFields names '{name}' twice");
                }
            }
        }

        foreach (var (name, text) in new[] { ("creationMoment", table.CreationMoment), ("updateMoment", table.UpdateMoment) })
        {
            if (text is not null && CustomTableSchema.ParseMoment(text) is null)
            {
                problems.Add($"{where}: {name} '{text}' is not a date (expected ISO 8601 like 2019-02-25T16:19:08+00:00)");
            }
        }

        // The seed records can only be read against a sound structure.
        if (problems.Count == before && !fields.Any(string.IsNullOrWhiteSpace)
            && fields.Distinct(StringComparer.OrdinalIgnoreCase).Count() == fields.Count)
        {
            var schema = new CustomTableSchema(entity.Name, entityPosition, table, DateTimeOffset.UnixEpoch);
            SeedRecords.Read(schema, table.Records ?? [], where, problems);
        }
    }
}
