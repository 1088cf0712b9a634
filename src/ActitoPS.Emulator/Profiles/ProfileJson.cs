using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.Profiles;

/// <summary>
/// The GET profile body (v4 and v5 alike, Actito's v5 answer not being public), in the shape the create
/// call takes: INTEGER values as JSON numbers, every other value as text; the table's subscriptions with
/// "true"/"false"; the segmentations the profile belongs to. The filter narrows the lists for v5.
/// </summary>
internal static class ProfileJson
{
    public static JsonObject Render(ProfileTableSchema schema, ProfileSnapshot profile, ProfileReadFilter filter)
    {
        var attributes = new JsonArray();
        foreach (var attribute in schema.Attributes)
        {
            if (profile.Attributes.TryGetValue(attribute.Name, out var text) && text is not null)
            {
                JsonNode value = new AttributeValue(text).AsInteger(attribute.Type) is { } number
                    ? JsonValue.Create(number)
                    : JsonValue.Create(text);
                attributes.Add(new JsonObject { ["name"] = attribute.Name, ["value"] = value });
            }
            else if (filter.IncludeNulls)
            {
                attributes.Add(new JsonObject { ["name"] = attribute.Name, ["value"] = null });
            }
        }

        var subscriptions = new JsonArray();
        foreach (var name in schema.Subscriptions.Where(filter.ListsSubscription))
        {
            var subscribed = profile.Subscriptions.TryGetValue(name, out var flag) && flag;
            subscriptions.Add(new JsonObject { ["name"] = name, ["subscribe"] = subscribed ? "true" : "false" });
        }

        var segmentations = new JsonArray();
        foreach (var (name, categories) in profile.Segmentations.Where(s => filter.ListsSegmentation(s.Key)))
        {
            foreach (var category in categories)
            {
                segmentations.Add(new JsonObject
                {
                    ["belongs"] = "true",
                    ["segmentation"] = new JsonObject { ["name"] = name, ["category"] = category },
                });
            }
        }

        var body = new JsonObject
        {
            ["profileId"] = profile.ProfileId,
            ["attributes"] = attributes,
            ["subscriptions"] = subscriptions,
            ["segmentations"] = segmentations,
        };

        if (profile.DataCollectionInformation is { } collected)
        {
            body["dataCollectionInformation"] = new JsonObject
            {
                ["date"] = collected.Date,
                ["source"] = collected.Source,
                ["way"] = collected.Way,
            };
        }

        return body;
    }
}
