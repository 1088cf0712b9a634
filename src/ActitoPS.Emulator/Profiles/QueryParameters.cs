using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.Profiles;

internal static class QueryParameters
{
    /// <returns>False when the parameter is absent or empty.</returns>
    /// <exception cref="ApiErrorException">400 INVALID_PARAMETER for anything but true or false (any case).</exception>
    public static bool Boolean(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        return text.ToUpperInvariant() switch
        {
            "" or "FALSE" => false,
            "TRUE" => true,
            _ => throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_PARAMETER", $"Query parameter {name} has value {AttributeValueParser.Quote(text)}; expected true or false.", name)),
        };
    }

    /// <returns>
    /// The comma-separated names of the parameter (repeating it adds names), or null when it is absent,
    /// so that an absent list and an empty one can be told apart.
    /// </returns>
    public static IReadOnlyList<string>? Names(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return null;
        }

        return values
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
