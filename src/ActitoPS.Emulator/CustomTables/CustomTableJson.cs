using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.CustomTables;

/// <summary>The guide's JSON for a table's structure and for its records.</summary>
internal static class CustomTableJson
{
    /// <summary>GET …/customTable/{t}, property for property as the guide prints it (description null included).</summary>
    public static JsonObject Structure(CustomTableSchema schema)
    {
        var definition = schema.Definition;
        var attributes = new JsonArray();
        foreach (var field in schema.Fields)
        {
            attributes.Add(new JsonObject
            {
                ["fieldName"] = field.Name,
                ["type"] = field.TypeName,
                ["unique"] = field.Unique,
                ["required"] = field.Required,
                ["description"] = field.Description,
            });
        }

        return new JsonObject
        {
            ["id"] = definition.Id,
            ["entityId"] = schema.EntityId,
            ["technicalName"] = definition.TechnicalName,
            ["userName"] = string.IsNullOrEmpty(definition.UserName) ? definition.TechnicalName : definition.UserName,
            ["category"] = definition.Category,
            ["capabilities"] = new JsonArray((definition.Capabilities ?? []).Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["attributes"] = attributes,
            ["primaryKey"] = schema.Id.Name,
            ["businessKey"] = schema.BusinessKey.Name,
            ["creationMoment"] = CustomValues.FormatDate(schema.TableCreationMoment),
            ["updateMoment"] = CustomValues.FormatDate(schema.TableUpdateMoment),
        };
    }

    /// <summary>
    /// <c>{"properties":[{name,value}…],"businessKey":…}</c>: the fields that hold a value, technical ones
    /// included, in Java HashMap order (see <see cref="JavaHashMapOrder"/>). The guide writes the business
    /// key as text in the one-record answer ("32") and typed in a query's records (49), so the caller says which.
    /// </summary>
    public static JsonObject Record(CustomTableSchema schema, CustomTableRecordSnapshot record, bool businessKeyAsText)
    {
        var properties = new JsonArray();
        foreach (var (name, value) in JavaHashMapOrder.Sort(record.Properties.ToList(), p => p.Key))
        {
            properties.Add(new JsonObject { ["name"] = name, ["value"] = CustomValues.ToJson(value) });
        }

        return new JsonObject
        {
            ["properties"] = properties,
            ["businessKey"] = businessKeyAsText
                ? JsonValue.Create(record.BusinessKey)
                : BusinessKey(record.Properties[schema.BusinessKey.Name]),
        };
    }

    /// <summary>The POST and PUT answer's key, and a query record's: a JSON number when the key is a Long, as the guide shows; text otherwise.</summary>
    public static JsonNode BusinessKey(object key) =>
        key is long number ? JsonValue.Create(number) : JsonValue.Create(CustomValues.ToText(key));
}
