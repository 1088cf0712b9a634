using System.Globalization;
using ActitoPS.Emulator.CustomTables;
using ActitoPS.Emulator.Profiles;
using ActitoPS.Emulator.Retirement;

namespace ActitoPS.Emulator;

/// <summary>
/// Rejects a licence the emulator could not serve consistently (duplicate names, unknown value types…),
/// listing every problem at once so a hand-edited file is fixed in one pass.
/// </summary>
internal static class LicenceValidator
{
    public static void ThrowIfInvalid(Licence licence)
    {
        var problems = new List<string>();
        CheckKeysAndLimits(licence, problems);
        CheckRetiredApis(licence, problems);

        if (licence.Entities is null || licence.Entities.Count == 0)
        {
            problems.Add("the licence has no entities");
        }
        else
        {
            CheckUnique(licence.Entities.Select(e => e.Name), "entity name", StringComparer.OrdinalIgnoreCase, problems);
            for (var index = 0; index < licence.Entities.Count; index++)
            {
                CheckEntity(licence.Entities[index], index + 1, problems);
            }
        }

        if (problems.Count > 0)
        {
            throw new LicenceException("Invalid licence: " + string.Join("; ", problems) + ".");
        }
    }

    private static void CheckKeysAndLimits(Licence licence, List<string> problems)
    {
        if (licence.ApiKeys is null || licence.ApiKeys.Count == 0)
        {
            problems.Add("apiKeys must hold at least one key");
        }
        else if (licence.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("apiKeys must not hold an empty key");
        }

        var limits = licence.Limits;
        if (limits is null)
        {
            problems.Add("limits must not be null");
            return;
        }

        RequireAtLeast(limits.MaxConcurrentRequests, 0, "limits.maxConcurrentRequests", problems);
        RequireAtLeast(limits.CallsPerMinute, 0, "limits.callsPerMinute", problems);
        RequireAtLeast(limits.TokenLifetimeSeconds, 1, "limits.tokenLifetimeSeconds", problems);
        RequireAtLeast(limits.BulkImportsPerTablePerDay, 0, "limits.bulkImportsPerTablePerDay", problems);
    }

    private static void CheckRetiredApis(Licence licence, List<string> problems)
    {
        var names = licence.RetiredApis ?? [];
        CheckUnique(names, "retiredApis: name", StringComparer.OrdinalIgnoreCase, problems);
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n) && RetiredApi.Find(n) is null))
        {
            problems.Add($"retiredApis holds unknown name '{name}' (known: {string.Join(", ", RetiredApi.Known.Select(a => a.Name))})");
        }
    }

    private static void CheckEntity(LicenceEntity entity, int position, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(entity.Name))
        {
            problems.Add("an entity has no name");
        }

        var where = $"entity '{entity.Name}'";
        var profileTables = entity.ProfileTables ?? [];
        CheckUnique(profileTables.Select(t => t.Name), $"{where}: profile table name", StringComparer.OrdinalIgnoreCase, problems);
        CheckUnique(profileTables.Select(t => t.Id), $"{where}: profile table id", StringComparer.Ordinal, problems);
        foreach (var table in profileTables)
        {
            CheckProfileTable(table, $"{where}, profile table '{table.Name}'", problems);
        }

        var customTables = entity.CustomTables ?? [];
        CheckUnique(customTables.Select(t => t.TechnicalName), $"{where}: custom table technicalName", StringComparer.OrdinalIgnoreCase, problems);
        CheckUnique(customTables.Select(t => t.Id).Where(id => !string.IsNullOrEmpty(id)), $"{where}: custom table id", StringComparer.OrdinalIgnoreCase, problems);
        foreach (var table in customTables)
        {
            CheckCustomTable(entity, position, table, $"{where}, custom table '{table.TechnicalName}'", problems);
        }
    }

    private static void CheckProfileTable(ProfileTableDefinition table, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(table.Id) || string.IsNullOrWhiteSpace(table.Name))
        {
            problems.Add($"{where}: id and name are required");
        }

        var attributes = table.Attributes ?? [];
        CheckUnique(attributes.Select(a => a.Name), $"{where}: attribute name", StringComparer.Ordinal, problems);
        foreach (var attribute in attributes)
        {
            if (!ProfileValueTypes.TryParse(attribute.ValueType, out _))
            {
                problems.Add($"{where}: attribute '{attribute.Name}' has unknown valueType '{attribute.ValueType}' (known: {string.Join(", ", ProfileValueTypes.Names)})");
            }

            if (attribute.MaxLength is < 1)
            {
                problems.Add($"{where}: attribute '{attribute.Name}' has maxLength below 1");
            }

            if (attribute.MinLength is < 0 || attribute.MinLength > attribute.MaxLength)
            {
                problems.Add($"{where}: attribute '{attribute.Name}' has minLength outside 0..maxLength");
            }
        }

        CheckUnique(table.Subscriptions ?? [], $"{where}: subscription", StringComparer.Ordinal, problems);
        var segmentations = table.Segmentations ?? [];
        CheckUnique(segmentations.Select(s => s.Name), $"{where}: segmentation", StringComparer.Ordinal, problems);
        foreach (var segmentation in segmentations)
        {
            if (segmentation.Categories is null || segmentation.Categories.Count == 0)
            {
                problems.Add($"{where}: segmentation '{segmentation.Name}' has no categories");
            }
            else
            {
                CheckUnique(segmentation.Categories, $"{where}: segmentation '{segmentation.Name}' category", StringComparer.Ordinal, problems);
            }
        }
    }

    private static void CheckCustomTable(LicenceEntity entity, int position, CustomTableDefinition table, string where, List<string> problems)
    {
        CheckUnique((table.Attributes ?? []).Select(a => a.FieldName), $"{where}: attribute fieldName", StringComparer.OrdinalIgnoreCase, problems);
        CustomTableLicenceRules.Check(entity, position, table, where, problems);
    }

    private static void CheckUnique(IEnumerable<string?> names, string what, StringComparer comparer, List<string> problems)
    {
        var seen = new HashSet<string>(comparer);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add($"{what} must not be empty");
            }
            else if (!seen.Add(name))
            {
                problems.Add($"{what} '{name}' appears twice");
            }
        }
    }

    private static void RequireAtLeast(int value, int minimum, string name, List<string> problems)
    {
        if (value < minimum)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} (was {value})"));
        }
    }
}
