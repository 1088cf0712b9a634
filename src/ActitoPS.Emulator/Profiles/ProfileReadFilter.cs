using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.Profiles;

/// <summary>
/// What a profile read lists besides the attributes that have a value. The v4 read lists every
/// subscription and segmentation; the v5 read only those its query names, and valueless attributes on request.
/// </summary>
/// <param name="Subscriptions">Subscriptions to list; null for all of the table's.</param>
/// <param name="Segmentations">Segmentations to list; null for all the profile belongs to.</param>
/// <param name="IncludeNulls">List the attributes without a value, with a null value.</param>
internal sealed record ProfileReadFilter(IReadOnlySet<string>? Subscriptions, IReadOnlySet<string>? Segmentations, bool IncludeNulls)
{
    public static readonly ProfileReadFilter V4 = new(null, null, IncludeNulls: false);

    public bool ListsSubscription(string name) => Subscriptions?.Contains(name) ?? true;

    public bool ListsSegmentation(string name) => Segmentations?.Contains(name) ?? true;

    /// <summary>
    /// The v5 query: <c>subscriptions=a,b</c> and <c>segmentations=a,b</c> (absent: none listed), <c>includeNulls=true|false</c>.
    /// </summary>
    /// <exception cref="ApiErrorException">400 for a name the table does not have, or a bad includeNulls.</exception>
    public static ProfileReadFilter FromV5Query(HttpRequest request, ProfileTableSchema schema)
    {
        var subscriptions = QueryParameters.Names(request, "subscriptions") ?? [];
        if (subscriptions.FirstOrDefault(n => !schema.HasSubscription(n)) is { } name)
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "UNKNOWN_SUBSCRIPTION", $"Subscription '{name}' does not exist in profile table '{schema.Name}'.", name));
        }

        var segmentations = QueryParameters.Names(request, "segmentations") ?? [];
        if (segmentations.FirstOrDefault(n => schema.FindSegmentation(n) is null) is { } segmentation)
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "UNKNOWN_SEGMENTATION", $"Segmentation '{segmentation}' does not exist in profile table '{schema.Name}'.", segmentation));
        }

        return new ProfileReadFilter(
            subscriptions.ToHashSet(StringComparer.Ordinal),
            segmentations.ToHashSet(StringComparer.Ordinal),
            QueryParameters.Boolean(request, "includeNulls"));
    }
}
