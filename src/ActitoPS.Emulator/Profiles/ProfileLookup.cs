using System.Globalization;
using ActitoPS.Emulator.Errors;
using ActitoPS.Emulator.State;
using Microsoft.AspNetCore.Http.Features;

namespace ActitoPS.Emulator.Profiles;

/// <summary>Finding a profile table and a profile from a URL: one set of rules for the v4 and v5 profile routes.</summary>
internal static class ProfileLookup
{
    /// <exception cref="ApiErrorException">404 for an unknown entity or table.</exception>
    public static ProfileTableStore FindTable(EmulatorCore core, string entity, string table)
    {
        var entityState = core.State.FindEntity(entity)
            ?? throw new ApiErrorException(ApiError.NotFound("ENTITY_NOT_FOUND", $"Entity '{entity}' does not exist."));
        return entityState.FindProfileTable(table)
            ?? throw new ApiErrorException(ApiError.NotFound("PROFILE_TABLE_NOT_FOUND", $"Profile table '{table}' does not exist in entity '{entityState.Definition.Name}'."));
    }

    /// <summary>The profile named by the request's last path segment: the numeric id, or attribute=value for a unique attribute.</summary>
    /// <exception cref="ApiErrorException">400 for a key that cannot name a profile, 404 when none matches.</exception>
    public static ProfileSnapshot FindByKey(ProfileTableStore store, HttpContext context) =>
        FindByKey(store, RawLastSegment(context));

    private static ProfileSnapshot FindByKey(ProfileTableStore store, string key)
    {
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return store.Find(id) ?? throw new ApiErrorException(ProfileTableStore.NotFound(id));
        }

        var separator = key.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new ApiErrorException(ApiError.BadRequest(
                "INVALID_PROFILE_KEY", $"Profile key {AttributeValueParser.Quote(key)} is neither a profile id nor attribute=value.", "profileKey"));
        }

        var name = key[..separator];
        var text = key[(separator + 1)..];
        var attribute = store.Schema.FindAttribute(name)
            ?? throw new ApiErrorException(ApiError.BadRequest("UNKNOWN_ATTRIBUTE", $"Attribute '{name}' does not exist in profile table '{store.Schema.Name}'.", name));
        if (!attribute.Unique)
        {
            throw new ApiErrorException(ApiError.BadRequest("ATTRIBUTE_NOT_UNIQUE", $"Attribute '{name}' is not unique, so it cannot identify a profile.", name));
        }

        var value = AttributeValueParser.Parse(attribute, text)
            ?? throw new ApiErrorException(ApiError.BadRequest("INVALID_PROFILE_KEY", $"Profile key gives no value for attribute '{name}'.", name));
        return store.Find(attribute, value)
            ?? throw new ApiErrorException(ApiError.NotFound("PROFILE_NOT_FOUND", $"No profile with {name}={value.Text}."));
    }

    /// <summary>
    /// Decoded from the raw request target: routing leaves %2F encoded in route values, and a unique
    /// value (an e-mail address, say) may contain any character.
    /// </summary>
    internal static string RawLastSegment(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }
}
