using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.Profiles;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// What one header of a profile import loads: an attribute, a recency field, a subscription
/// (<c>subscriptions#Name</c>) or a segmentation (<c>S_Name</c>), as the feeding guide names them.
/// </summary>
internal sealed record ProfileEtlColumn(
    EtlMapping Mapping,
    AttributeSchema? Attribute,
    AttributeSchema? Recency,
    string? Subscription,
    SegmentationDefinition? Segmentation)
{
    public const string SubscriptionPrefix = "subscriptions#";
    public const string SegmentationPrefix = "S_";

    /// <summary>Technical names are case-sensitive; an attribute of the table wins over the prefixes.</summary>
    /// <exception cref="ApiErrorException">400 UNKNOWN_ATTRIBUTE, UNKNOWN_SUBSCRIPTION, UNKNOWN_SEGMENTATION, or INVALID_MAPPING for a recency field outside CREATE_ONLY.</exception>
    public static ProfileEtlColumn Resolve(ProfileTableSchema schema, EtlMapping mapping, EtlMode mode)
    {
        var name = mapping.AttributeName;
        if (schema.FindAttribute(name) is { } attribute)
        {
            return new(mapping, attribute, null, null, null);
        }

        if (RecencyFields.Find(name) is { } recency)
        {
            return mode == EtlMode.CreateOnly
                ? new(mapping, null, recency, null, null)
                : throw Bad("INVALID_MAPPING",
                    $"{mapping.Where}: '{name}' is a recency field, which Actito computes itself: an import may give it only in CREATE_ONLY mode, not {mode.ToWire()}.",
                    name);
        }

        if (name.StartsWith(SubscriptionPrefix, StringComparison.Ordinal))
        {
            var subscription = name[SubscriptionPrefix.Length..];
            return schema.HasSubscription(subscription)
                ? new(mapping, null, null, subscription, null)
                : throw Bad("UNKNOWN_SUBSCRIPTION", $"{mapping.Where}: subscription '{subscription}' does not exist in profile table '{schema.Name}'.", name);
        }

        if (name.StartsWith(SegmentationPrefix, StringComparison.Ordinal))
        {
            var segmentation = name[SegmentationPrefix.Length..];
            return schema.FindSegmentation(segmentation) is { } definition
                ? new(mapping, null, null, null, definition)
                : throw Bad("UNKNOWN_SEGMENTATION", $"{mapping.Where}: segmentation '{segmentation}' does not exist in profile table '{schema.Name}'.", name);
        }

        throw Bad("UNKNOWN_ATTRIBUTE",
            $"{mapping.Where}: '{name}' is not an attribute of profile table '{schema.Name}', nor a subscription (subscriptions#Name), a segmentation (S_Name) or a recency field.",
            name);
    }

    /// <summary>Adds the line's value to the write, validated as the one-by-one calls validate theirs.</summary>
    /// <exception cref="ApiErrorException">400: the value does not fit (the line's error).</exception>
    public void AddTo(ProfileWrite write, string text)
    {
        if (Attribute is not null)
        {
            write.Attributes.Add(new(Attribute, AttributeValueParser.Parse(Attribute, text)));
        }
        else if (Recency is not null)
        {
            if (AttributeValueParser.Parse(Recency, text) is { } value)
            {
                write.Recency.Add(new(Recency, value));
            }
        }
        else if (text.Length == 0)
        {
            // An empty subscription or segmentation cell says nothing: nobody is unsubscribed by a blank.
        }
        else if (Subscription is not null)
        {
            var flag = AttributeValueParser.ParseBoolean(text)
                ?? throw Bad("INVALID_SUBSCRIPTION",
                    $"Subscription '{Subscription}': value {AttributeValueParser.Quote(text)} is not true or false (expected {AttributeValueParser.ExpectedFormat(ProfileValueType.Boolean)}).",
                    Mapping.AttributeName);
            write.Subscriptions.Add(new(Subscription, flag == "true"));
        }
        else
        {
            ProfileRequestParser.CheckCategory(Segmentation!, text);
            write.Segmentations.Add(new SegmentationChange(Segmentation!.Name, text, Belongs: true));
        }
    }

    private static ApiErrorException Bad(string code, string message, string field) => new(ApiError.BadRequest(code, message, field));
}
