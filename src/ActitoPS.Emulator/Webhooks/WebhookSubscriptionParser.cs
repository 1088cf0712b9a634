using System.Globalization;
using System.Text;
using System.Text.Json;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Profiles;
using ActitoPS.Emulator.State;
using static ActitoPS.Emulator.Json.JsonEnvelope;

namespace ActitoPS.Emulator.Webhooks;

/// <summary>
/// Reads the body of POST …/webhookSubscription. Property names and enumerated values match in any case and
/// unknown properties are ignored, as in every body the emulator reads. The first problem found is a 400
/// INVALID_WEBHOOK_SUBSCRIPTION whose field is the property at fault.
/// </summary>
internal static class WebhookSubscriptionParser
{
    private const string Invalid = "INVALID_WEBHOOK_SUBSCRIPTION";

    /// <exception cref="ApiErrorException">400 INVALID_JSON or INVALID_WEBHOOK_SUBSCRIPTION.</exception>
    public static Func<long, WebhookSubscription> Parse(ReadOnlyMemory<byte> json, EmulatorState state, EntityState entity)
    {
        var bytes = json.Span.StartsWith(Encoding.UTF8.Preamble) ? json[Encoding.UTF8.Preamble.Length..] : json;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new ApiErrorException(ApiError.BadRequest("INVALID_JSON", $"The body is not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"A webhook subscription is a JSON object, not {Describe(root.ValueKind)}.", null);
            }

            var on = Enumerated(root, "on", null, WebhookSubscription.EtlExecution,
                "is not emulated: the emulator notifies ETL executions (ETL_EXECUTION) only");
            var elementId = ReadElementId(root, state, entity);
            var eventType = Enumerated(root, "eventType", null, WebhookSubscription.Finished,
                "is not emulated: the emulator notifies finished ETL executions (FINISHED) only");
            var target = ReadTarget(root);
            var headers = ReadHeaders(root);
            var pushType = Enumerated(root, "webhookPushType", WebhookSubscription.OneByOne, WebhookSubscription.OneByOne, "is not ONE_BY_ONE or BULK", WebhookSubscription.Bulk);
            var maxBlockSize = ReadMaxBlockSize(root);
            var isActive = ReadFlag(root, "isActive", defaultValue: true);
            var entityName = entity.Definition.Name;
            return id => new WebhookSubscription(id, entityName, on, elementId, eventType, target, headers, pushType, maxBlockSize, isActive);
        }
    }

    /// <summary>Required when <paramref name="defaultValue"/> is null; answered in its canonical (upper-case) spelling.</summary>
    private static string Enumerated(JsonElement root, string property, string? defaultValue, string accepted, string refusal, string? alsoAccepted = null)
    {
        var text = Text(root, property);
        if (text is null)
        {
            return defaultValue ?? throw Bad($"{property} is required ({accepted}).", property);
        }

        foreach (var value in new[] { accepted, alsoAccepted })
        {
            if (value is not null && string.Equals(text, value, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Bad($"{property} {AttributeValueParser.Quote(text)} {refusal}.", property);
    }

    /// <summary>The ETL watched: text or a number, naming a TRIGGERED ETL of the entity. Absent or null: every execution.</summary>
    private static string? ReadElementId(JsonElement root, EmulatorState state, EntityState entity)
    {
        if (!TryGet(root, "onElementId", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Bad($"onElementId must be the ETL's id (text), not {Describe(value.ValueKind)}.", "onElementId"),
        };
        if (text.Length == 0)
        {
            return null;
        }

        var known = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && state.Etls.Find(id) is { } etl
            && etl.Entity == entity.Definition.Name;
        return known
            ? id.ToString(CultureInfo.InvariantCulture)
            : throw Bad($"onElementId {AttributeValueParser.Quote(text)} is not the id of an ETL of entity '{entity.Definition.Name}' (POST /mass-imports/v5/entities/{{e}}/etls defines one).", "onElementId");
    }

    /// <summary>An absolute http or https URL. Actito requires HTTPS; the emulator takes HTTP too, for a receiver on loopback.</summary>
    private static Uri ReadTarget(JsonElement root)
    {
        var text = Text(root, "targetUrl") is { Length: > 0 } given ? given : throw Bad("targetUrl is required (the URL the emulator POSTs each event to).", "targetUrl");
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw Bad($"targetUrl {AttributeValueParser.Quote(text)} is not an absolute http or https URL.", "targetUrl");
    }

    private static List<KeyValuePair<string, string>> ReadHeaders(JsonElement root)
    {
        if (!TryGet(root, "headers", out var headers) || headers.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (headers.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"headers must be an object of header names and values, not {Describe(headers.ValueKind)}.", "headers");
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var header in headers.EnumerateObject())
        {
            if (header.Value.ValueKind != JsonValueKind.String)
            {
                throw Bad($"headers.{header.Name} must be text, not {Describe(header.Value.ValueKind)}.", $"headers.{header.Name}");
            }

            var value = header.Value.GetString()!;
            if (header.Name.Length == 0 || header.Name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c)) || value.Any(c => c is '\r' or '\n'))
            {
                throw Bad($"headers: {AttributeValueParser.Quote(header.Name)} is not a valid HTTP header (a token name, a value on one line).", $"headers.{header.Name}");
            }

            if (result.Any(h => string.Equals(h.Key, header.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw Bad($"headers: '{header.Name}' is given twice.", $"headers.{header.Name}");
            }

            result.Add(KeyValuePair.Create(header.Name, value));
        }

        return result;
    }

    private static int? ReadMaxBlockSize(JsonElement root)
    {
        if (!TryGet(root, "maxBlockSize", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var size) && size >= 1
            ? size
            : throw Bad($"maxBlockSize must be a whole number of at least 1, not {value.GetRawText()}.", "maxBlockSize");
    }

    private static bool ReadFlag(JsonElement root, string property, bool defaultValue)
    {
        if (!TryGet(root, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return defaultValue;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var flag) => flag,
            _ => throw Bad($"{property} must be true or false, not {value.GetRawText()}.", property),
        };
    }

    private static string? Text(JsonElement root, string property)
    {
        if (!TryGet(root, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Bad($"{property} must be text, not {Describe(value.ValueKind)}.", property);
    }

    private static ApiErrorException Bad(string message, string? field) => new(ApiError.BadRequest(Invalid, message, field));
}
