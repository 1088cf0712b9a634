using System;
using System.Linq;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>How a row is written, which decides what it must carry.</summary>
    public enum ProfileWriteKind
    {
        /// <summary>Create or update, matched on unique keys: needs a key and the mandatory attributes.</summary>
        Upsert,

        /// <summary>Create only: needs the mandatory attributes.</summary>
        CreateOnly,

        /// <summary>Partial update of a known profile id: only what it names changes.</summary>
        Update,
    }

    /// <summary>A profile body checked against its table's structure before any call; a refusal names the row and the field.</summary>
    internal static class ProfileRowCheck
    {
        /// <exception cref="ActitoRecordException">The row does not fit the table.</exception>
        public static void Check(ProfileTable table, JObject body, int row, ProfileWriteKind kind)
        {
            var given = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            foreach (var item in (body["attributes"] as JArray ?? new JArray()).OfType<JObject>())
            {
                var name = (string?)item["name"] ?? string.Empty;
                var attribute = table.FindAttribute(name);
                if (attribute == null)
                {
                    var meant = table.FindAttributeIgnoringCase(name);
                    throw new ActitoRecordException(row, name, meant != null
                        ? $"profile table '{table.Name}' has no attribute '{name}'; technical names are case sensitive: did you mean '{meant.Name}'?"
                        : $"profile table '{table.Name}' has no attribute '{name}'. Get-ActitoProfileTable -Name {table.Name} lists its attributes.");
                }
                var value = item["value"];
                if (value == null) continue;
                try
                {
                    var normalised = ProfileValueRules.Normalise(attribute, value);
                    if (normalised != null) item["value"] = normalised;
                }
                catch (FormatException problem)
                {
                    throw new ActitoRecordException(row, name, problem.Message, problem);
                }
                if (value.Type != JTokenType.Null && !(value.Type == JTokenType.String && ((string?)value)?.Length == 0)) given.Add(attribute.Name);
            }

            CheckSubscriptions(table, body, row);
            CheckSegmentations(table, body, row);

            if (kind == ProfileWriteKind.Update) return;
            if (kind == ProfileWriteKind.Upsert && table.UniqueAttributes.Count > 0 && !table.UniqueAttributes.Any(given.Contains))
            {
                var keys = string.Join(" or ", table.Attributes.Where(a => a.Unique).Select(a => a.Name));
                throw new ActitoRecordException(row, keys,
                    "the row has no unique key, so it cannot be matched to a profile and would create a new one each time it is sent. " +
                    "Give it a key, or send it with -CreateOnly if a new profile is meant.");
            }
            var missing = table.Attributes.FirstOrDefault(a => a.Mandatory && !given.Contains(a.Name));
            if (missing != null)
                throw new ActitoRecordException(row, missing.Name, $"{missing.Name} is mandatory in profile table '{table.Name}': a created profile must have it.");
        }

        private static void CheckSubscriptions(ProfileTable table, JObject body, int row)
        {
            if (table.Subscriptions.Count == 0) return; // the structure did not list them: Actito will say
            foreach (var subscription in (body["subscriptions"] as JArray ?? new JArray()).OfType<JObject>())
            {
                var name = (string?)subscription["name"] ?? string.Empty;
                if (!table.HasSubscription(name))
                    throw new ActitoRecordException(row, ProfileRequestBuilder.SubscriptionPrefix + name,
                        $"profile table '{table.Name}' has no subscription '{name}'. Its subscriptions: {string.Join(", ", table.Subscriptions)}.");
            }
        }

        private static void CheckSegmentations(ProfileTable table, JObject body, int row)
        {
            if (table.Segmentations.Count == 0) return;
            foreach (var membership in (body["segmentations"] as JArray ?? new JArray()).OfType<JObject>())
            {
                var name = (string?)membership["segmentation"]?["name"] ?? string.Empty;
                var category = (string?)membership["segmentation"]?["category"] ?? string.Empty;
                var segmentation = table.FindSegmentation(name)
                    ?? throw new ActitoRecordException(row, ProfileRequestBuilder.SegmentationPrefix + name,
                        $"profile table '{table.Name}' has no segmentation '{name}'. Its segmentations: {string.Join(", ", table.Segmentations.Select(s => s.Name))}.");
                if (segmentation.Categories.Count > 0 && !segmentation.Categories.Contains(category, StringComparer.Ordinal))
                    throw new ActitoRecordException(row, ProfileRequestBuilder.SegmentationPrefix + name,
                        $"segmentation '{name}' has no category '{category}'. Its categories: {string.Join(", ", segmentation.Categories)}.");
            }
        }
    }
}
