using System.Text.Json;
using ActitoPS.Emulator.Errors;
using static ActitoPS.Emulator.Json.JsonEnvelope;

namespace ActitoPS.Emulator.Profiles;

/// <summary>
/// Validates a profile body against its table. Envelope property names are matched without regard to case
/// and unknown ones are ignored (as a default Spring/Jackson service would); attribute, subscription and
/// segmentation names must match the licence exactly.
/// </summary>
internal static class ProfileRequestParser
{
    /// <param name="fullData">
    /// POST carries the whole profile, so every mandatory attribute must be given a value; PUT carries
    /// only changes, so a mandatory attribute may be absent but not cleared.
    /// </param>
    /// <exception cref="ApiErrorException">The first problem found.</exception>
    public static ProfileWrite Parse(JsonElement root, ProfileTableSchema schema, bool fullData)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad("INVALID_BODY", $"The request body must be a JSON object, not {Describe(root.ValueKind)}.");
        }

        var write = new ProfileWrite();
        ParseAttributes(root, schema, write);
        ParseSubscriptions(root, schema, write);
        ParseSegmentations(root, schema, write);
        write.DataCollection = ParseDataCollection(root);
        CheckMandatory(schema, write, fullData);
        return write;
    }

    /// <summary>The body of the single-subscription calls: the data collection information itself, or nothing.</summary>
    public static DataCollectionInformation? ParseDataCollectionBody(JsonElement root) =>
        root.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Object => ParseDataCollectionObject(root, "dataCollectionInformation"),
            _ => throw Bad("INVALID_BODY", $"The request body must be the data collection information object, not {Describe(root.ValueKind)}."),
        };

    private static void ParseAttributes(JsonElement root, ProfileTableSchema schema, ProfileWrite write)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, index) in Items(root, "attributes"))
        {
            var name = RequiredString(item, "name", $"attributes[{index}]");
            var attribute = schema.FindAttribute(name)
                ?? throw Bad("UNKNOWN_ATTRIBUTE", $"Attribute '{name}' does not exist in profile table '{schema.Name}'.", name);
            if (!seen.Add(name))
            {
                throw Bad("DUPLICATE_ATTRIBUTE", $"Attribute '{name}' is given more than once.", name);
            }

            var value = TryGet(item, "value", out var raw) ? AttributeValueParser.Parse(attribute, raw) : null;
            write.Attributes.Add(new(attribute, value));
        }
    }

    private static void ParseSubscriptions(JsonElement root, ProfileTableSchema schema, ProfileWrite write)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, index) in Items(root, "subscriptions"))
        {
            var name = RequiredString(item, "name", $"subscriptions[{index}]");
            if (!schema.HasSubscription(name))
            {
                throw Bad("UNKNOWN_SUBSCRIPTION", $"Subscription '{name}' does not exist in profile table '{schema.Name}'.", name);
            }

            if (!seen.Add(name))
            {
                throw Bad("DUPLICATE_SUBSCRIPTION", $"Subscription '{name}' is given more than once.", name);
            }

            if (!TryGet(item, "subscribe", out var subscribe))
            {
                throw Bad("INVALID_SUBSCRIPTION", $"Subscription '{name}' has no 'subscribe' value (expected true or false).", name);
            }

            var flag = ParseFlag(subscribe)
                ?? throw Bad("INVALID_SUBSCRIPTION", $"Subscription '{name}': 'subscribe' value {AttributeValueParser.Quote(TextOf(subscribe))} is not true or false.", name);
            write.Subscriptions.Add(new(name, flag));
        }
    }

    private static void ParseSegmentations(JsonElement root, ProfileTableSchema schema, ProfileWrite write)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var (item, index) in Items(root, "segmentations"))
        {
            var where = $"segmentations[{index}]";
            if (!TryGet(item, "segmentation", out var segmentation) || segmentation.ValueKind != JsonValueKind.Object)
            {
                throw Bad("INVALID_SEGMENTATION", $"{where} has no 'segmentation' object with a name and a category.", where);
            }

            var name = RequiredString(segmentation, "name", $"{where}.segmentation");
            var definition = schema.FindSegmentation(name)
                ?? throw Bad("UNKNOWN_SEGMENTATION", $"Segmentation '{name}' does not exist in profile table '{schema.Name}'.", name);
            var category = RequiredString(segmentation, "category", $"{where}.segmentation");
            CheckCategory(definition, category);

            if (!seen.Add((name, category)))
            {
                throw Bad("DUPLICATE_SEGMENTATION", $"Segmentation '{name}' category '{category}' is given more than once.", name);
            }

            // The guide always sends "belongs"; when it is left out, membership is the obvious intent.
            var belongs = true;
            if (TryGet(item, "belongs", out var belongsValue))
            {
                belongs = ParseFlag(belongsValue)
                    ?? throw Bad("INVALID_SEGMENTATION", $"Segmentation '{name}': 'belongs' value {AttributeValueParser.Quote(TextOf(belongsValue))} is not true or false.", name);
            }

            write.Segmentations.Add(new SegmentationChange(name, category, belongs));
        }
    }

    private static DataCollectionInformation? ParseDataCollection(JsonElement root)
    {
        if (!TryGet(root, "dataCollectionInformation", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Bad("INVALID_DATA_COLLECTION_INFORMATION", "dataCollectionInformation must be an object with date, source and way.", "dataCollectionInformation");
        }

        return ParseDataCollectionObject(value, "dataCollectionInformation");
    }

    private static DataCollectionInformation ParseDataCollectionObject(JsonElement value, string field)
    {
        var date = OptionalString(value, "date", field);
        if (date is not null)
        {
            if (!ActitoDates.TryParseDateOrDateTime(date, out var canonical))
            {
                throw Bad("INVALID_DATA_COLLECTION_INFORMATION",
                    $"{field}.date: value {AttributeValueParser.Quote(date)} is not a date (expected dd/MM/yyyy, yyyy-MM-dd or yyyy-MM-dd HH:mm:ss).",
                    $"{field}.date");
            }

            date = canonical;
        }

        return new DataCollectionInformation(date, OptionalString(value, "source", field), OptionalString(value, "way", field));
    }

    /// <exception cref="ApiErrorException">400 UNKNOWN_SEGMENTATION_CATEGORY.</exception>
    public static void CheckCategory(SegmentationDefinition definition, string category)
    {
        if (!definition.Categories.Contains(category, StringComparer.Ordinal))
        {
            throw Bad("UNKNOWN_SEGMENTATION_CATEGORY",
                $"Segmentation '{definition.Name}' has no category {AttributeValueParser.Quote(category)} (known: {string.Join(", ", definition.Categories)}).",
                definition.Name);
        }
    }

    /// <param name="fullData">Every mandatory attribute must have a value; otherwise only those given must not be cleared.</param>
    /// <exception cref="ApiErrorException">400 MISSING_MANDATORY_ATTRIBUTE.</exception>
    public static void CheckMandatory(ProfileTableSchema schema, ProfileWrite write, bool fullData)
    {
        var given = write.Attributes.ToDictionary(a => a.Key.Name, a => a.Value, StringComparer.Ordinal);
        foreach (var attribute in schema.Attributes.Where(a => a.Mandatory))
        {
            var present = given.TryGetValue(attribute.Name, out var value);
            if (value is null && (fullData || present))
            {
                throw Bad("MISSING_MANDATORY_ATTRIBUTE", $"Attribute '{attribute.Name}' is mandatory and must have a value.", attribute.Name);
            }
        }
    }

    private static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement root, string property)
    {
        if (!TryGet(root, property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Bad("INVALID_BODY", $"'{property}' must be a JSON array, not {Describe(array.ValueKind)}.", property);
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Bad("INVALID_BODY", $"{property}[{index}] must be a JSON object, not {Describe(item.ValueKind)}.", property);
            }

            yield return (item, index++);
        }
    }

    private static bool? ParseFlag(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase) => true,
        JsonValueKind.String when string.Equals(value.GetString(), "false", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };

    private static string RequiredString(JsonElement item, string property, string where)
    {
        if (TryGet(item, property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        throw Bad("INVALID_BODY", $"{where} has no '{property}' text.", where);
    }

    private static string? OptionalString(JsonElement item, string property, string where)
    {
        if (!TryGet(item, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Bad("INVALID_DATA_COLLECTION_INFORMATION", $"{where}.{property} must be text, not {Describe(value.ValueKind)}.", $"{where}.{property}");
    }

    private static string TextOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static ApiErrorException Bad(string code, string message, string? field = null) =>
        new(ApiError.BadRequest(code, message, field));
}
