using System.Globalization;
using ActitoPS.Emulator.Errors;

namespace ActitoPS.Emulator.Profiles;

/// <summary>
/// The profiles of one table. One lock per table makes "match by unique keys, then apply" atomic,
/// so two concurrent upserts of the same key can never create two profiles.
/// </summary>
internal sealed class ProfileTableStore(ProfileTableSchema schema, ProfileIdSequence ids, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, StoredProfile> _profiles = [];

    /// <summary>Unique attribute name → index key → profile id.</summary>
    private readonly Dictionary<string, Dictionary<string, long>> _unique =
        schema.UniqueAttributes.ToDictionary(a => a.Name, _ => new Dictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);

    public ProfileTableSchema Schema { get; } = schema;

    /// <summary>The guide's create-or-update: match on every unique value given, then create, update or refuse.</summary>
    public ProfileWriteResult Upsert(ProfileWrite write, bool allowUpdate) => Write(write, ProfileWriteRules.Post(allowUpdate));

    /// <summary>
    /// Match, then create, update or refuse, as the rules say: the one-by-one POST and every ETL mode but
    /// DELETE. Atomic per table; a refused write changes nothing.
    /// </summary>
    public ProfileWriteResult Write(ProfileWrite write, ProfileWriteRules rules)
    {
        lock (_gate)
        {
            var matches = FindMatches(write, rules.Key);
            var matchedIds = matches.Select(m => m.ProfileId).Distinct().ToList();
            if (matchedIds.Count > 1)
            {
                return ProfileWriteResult.Failed(PointAtDifferentProfiles(matches));
            }

            var profile = matchedIds.Count == 1 ? _profiles[matchedIds[0]] : null;
            if (rules.Key is not null && FindClash(write, profile) is { } clash)
            {
                // Matched on one key only, the write's other unique values must not belong to someone else.
                return ProfileWriteResult.Failed(clash);
            }

            if (profile is not null)
            {
                if (!rules.AllowUpdate)
                {
                    var keys = string.Join(", ", matches.Select(m => m.Key));
                    return ProfileWriteResult.Failed(ApiError.Conflict(
                        "PROFILE_ALREADY_EXISTS",
                        $"Profile {profile.Id.ToString(CultureInfo.InvariantCulture)} already holds {keys}, and {rules.UpdateRefusal}."));
                }

                // Full data: what the call does not mention is not part of the profile any more.
                ReplaceAttributes(profile, rules.FullData ? write.Attributes.Where(a => a.Value is not null) : write.Attributes, clearOthers: rules.FullData);
                ApplyRest(profile, write);
                return ProfileWriteResult.Ok(profile.Id);
            }

            if (!rules.AllowCreate)
            {
                return ProfileWriteResult.Failed(NoMatch(write, rules.Key));
            }

            // A partial write may leave out what a creation needs (a full one was checked when it was read).
            var missing = Schema.Attributes.FirstOrDefault(a => a.Mandatory && !write.GivesAny([a]));
            if (missing is not null)
            {
                return ProfileWriteResult.Failed(ApiError.BadRequest(
                    "MISSING_MANDATORY_ATTRIBUTE", $"Attribute '{missing.Name}' is mandatory and must have a value to create a profile.", missing.Name));
            }

            var created = new StoredProfile(ids.Next(), time.GetUtcNow());
            _profiles.Add(created.Id, created);
            ReplaceAttributes(created, write.Attributes.Where(a => a.Value is not null), clearOthers: true);
            foreach (var (field, value) in write.Recency)
            {
                created.Recency[field.Name] = value.Text;
            }

            ApplyRest(created, write);
            return ProfileWriteResult.New(created.Id);
        }
    }

    /// <summary>An ETL's DELETE line: the one profile the line's unique values (or its key only) point at.</summary>
    public ProfileWriteResult Delete(ProfileWrite keys, AttributeSchema? key)
    {
        lock (_gate)
        {
            var matches = FindMatches(keys, key);
            var matchedIds = matches.Select(m => m.ProfileId).Distinct().ToList();
            if (matchedIds.Count > 1)
            {
                return ProfileWriteResult.Failed(PointAtDifferentProfiles(matches));
            }

            if (matchedIds.Count == 0)
            {
                return ProfileWriteResult.Failed(NoMatch(keys, key));
            }

            Remove(_profiles[matchedIds[0]]);
            return ProfileWriteResult.Ok(matchedIds[0]);
        }
    }

    /// <summary>The guide's PUT: only what is mentioned changes.</summary>
    public ProfileWriteResult Update(long profileId, ProfileWrite write)
    {
        lock (_gate)
        {
            if (!_profiles.TryGetValue(profileId, out var profile))
            {
                return ProfileWriteResult.Failed(NotFound(profileId));
            }

            if (FindClash(write, profile) is { } clash)
            {
                return ProfileWriteResult.Failed(clash);
            }

            ReplaceAttributes(profile, write.Attributes, clearOthers: false);
            ApplyRest(profile, write);
            return ProfileWriteResult.Ok(profile.Id);
        }
    }

    public ProfileWriteResult SetSubscription(long profileId, string subscription, bool subscribe, DataCollectionInformation? dataCollection)
    {
        var write = new ProfileWrite { DataCollection = dataCollection };
        write.Subscriptions.Add(new(subscription, subscribe));
        return Update(profileId, write);
    }

    public bool Delete(long profileId)
    {
        lock (_gate)
        {
            if (!_profiles.TryGetValue(profileId, out var profile))
            {
                return false;
            }

            Remove(profile);
            return true;
        }
    }

    public ProfileSnapshot? Find(long profileId)
    {
        lock (_gate)
        {
            return _profiles.TryGetValue(profileId, out var profile) ? profile.ToSnapshot(Schema) : null;
        }
    }

    public ProfileSnapshot? Find(AttributeSchema uniqueAttribute, AttributeValue value)
    {
        lock (_gate)
        {
            return _unique[uniqueAttribute.Name].TryGetValue(uniqueAttribute.IndexKey(value), out var id)
                ? _profiles[id].ToSnapshot(Schema)
                : null;
        }
    }

    public IReadOnlyList<ProfileSnapshot> Snapshot()
    {
        lock (_gate)
        {
            return _profiles.Values.OrderBy(p => p.Id).Select(p => p.ToSnapshot(Schema)).ToList();
        }
    }

    public static ApiError NotFound(long profileId) =>
        ApiError.NotFound("PROFILE_NOT_FOUND", $"No profile with id {profileId.ToString(CultureInfo.InvariantCulture)}.");

    /// <param name="key">Only this unique attribute; null: every unique attribute.</param>
    private List<Match> FindMatches(ProfileWrite write, AttributeSchema? key = null)
    {
        var matches = new List<Match>();
        foreach (var (attribute, value) in write.Attributes)
        {
            if (attribute.Unique && (key is null || attribute == key)
                && value is { } given && _unique[attribute.Name].TryGetValue(attribute.IndexKey(given), out var id))
            {
                matches.Add(new Match($"{attribute.Name}={given.Text}", id));
            }
        }

        return matches;
    }

    private static ApiError PointAtDifferentProfiles(List<Match> matches)
    {
        var detail = string.Join("; ", matches.Select(m => $"{m.Key} matches profile {m.ProfileId.ToString(CultureInfo.InvariantCulture)}"));
        return ApiError.Conflict(
            "UNIQUE_KEY_CONFLICT",
            $"The unique attributes of the request point at different profiles: {detail}. Nothing was applied.");
    }

    /// <summary>A unique value of the write held by a profile other than <paramref name="target"/> (any profile when null).</summary>
    private ApiError? FindClash(ProfileWrite write, StoredProfile? target)
    {
        var clash = FindMatches(write).FirstOrDefault(m => m.ProfileId != target?.Id);
        return clash.Key is null
            ? null
            : ApiError.Conflict(
                "UNIQUE_KEY_CONFLICT",
                $"{clash.Key} already belongs to profile {clash.ProfileId.ToString(CultureInfo.InvariantCulture)}. Nothing was applied.");
    }

    private ApiError NoMatch(ProfileWrite write, AttributeSchema? key)
    {
        var given = write.Attributes
            .Where(a => a.Key.Unique && (key is null || a.Key == key) && a.Value is not null)
            .Select(a => $"{a.Key.Name}={a.Value!.Value.Text}")
            .ToList();
        return given.Count == 0
            ? ApiError.NotFound("PROFILE_NOT_FOUND", $"No unique attribute is given to find the profile by in profile table '{Schema.Name}'.")
            : ApiError.NotFound("PROFILE_NOT_FOUND", $"No profile with {string.Join(" or ", given)} in profile table '{Schema.Name}'.");
    }

    private void Remove(StoredProfile profile)
    {
        _profiles.Remove(profile.Id);
        RemoveFromIndex(profile);
    }

    private void ReplaceAttributes(StoredProfile profile, IEnumerable<KeyValuePair<AttributeSchema, AttributeValue?>> attributes, bool clearOthers)
    {
        RemoveFromIndex(profile);
        if (clearOthers)
        {
            profile.Attributes.Clear();
        }

        foreach (var (attribute, value) in attributes)
        {
            if (value is { } set)
            {
                profile.Attributes[attribute.Name] = set;
            }
            else
            {
                profile.Attributes.Remove(attribute.Name);
            }
        }

        foreach (var attribute in Schema.UniqueAttributes)
        {
            if (profile.Attributes.TryGetValue(attribute.Name, out var value))
            {
                _unique[attribute.Name][attribute.IndexKey(value)] = profile.Id;
            }
        }
    }

    private void RemoveFromIndex(StoredProfile profile)
    {
        foreach (var attribute in Schema.UniqueAttributes)
        {
            if (profile.Attributes.TryGetValue(attribute.Name, out var value))
            {
                _unique[attribute.Name].Remove(attribute.IndexKey(value));
            }
        }
    }

    /// <summary>Subscriptions and segmentations change only where mentioned: nobody is unsubscribed by omission.</summary>
    private void ApplyRest(StoredProfile profile, ProfileWrite write)
    {
        foreach (var (name, subscribe) in write.Subscriptions)
        {
            profile.Subscriptions[name] = subscribe;
        }

        foreach (var change in write.Segmentations)
        {
            if (!profile.Segmentations.TryGetValue(change.Segmentation, out var categories))
            {
                categories = [];
                profile.Segmentations[change.Segmentation] = categories;
            }

            if (change.Belongs && !categories.Contains(change.Category, StringComparer.Ordinal))
            {
                categories.Add(change.Category);
            }
            else if (!change.Belongs)
            {
                categories.Remove(change.Category);
            }

            if (categories.Count == 0)
            {
                profile.Segmentations.Remove(change.Segmentation);
            }
        }

        if (write.DataCollection is not null)
        {
            profile.DataCollection = write.DataCollection;
        }

        profile.WriteCount++;
        profile.UpdatedAt = time.GetUtcNow();
    }

    private readonly record struct Match(string Key, long ProfileId);
}
