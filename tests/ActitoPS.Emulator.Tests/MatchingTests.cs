using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>The guide's four rules for matching a create-or-update on its unique attributes (customerId and emailAddress).</summary>
public sealed class MatchingTests : EmulatorTest
{
    [Fact]
    public async Task No_match_creates_a_new_profile_each_time()
    {
        await AuthenticateAsync();

        var first = await CreateProfileAsync(("customerId", 1), ("emailAddress", "one@example.com"));
        var second = await CreateProfileAsync(("customerId", 2), ("emailAddress", "two@example.com"));

        Assert.True(second > first);
        Assert.Equal([first, second], Profiles().Select(p => p.ProfileId));
    }

    [Fact]
    public async Task Without_any_unique_value_every_call_creates()
    {
        await AuthenticateAsync();

        var first = await CreateProfileAsync(("lastName", "Smith"));
        var second = await CreateProfileAsync(("lastName", "Smith"));

        Assert.NotEqual(first, second);
        Assert.Equal(2, Profiles().Count);
    }

    [Fact]
    public async Task A_match_on_customerId_alone_updates_that_profile_and_replaces_its_attributes()
    {
        await AuthenticateAsync();
        var id = await CreateProfileAsync(("customerId", 34567), ("emailAddress", "john@example.com"), ("lastName", "Smith"));

        // The same key spelled as text: "34567" and 34567 are one value.
        var updated = await CreateProfileAsync(("customerId", "34567"), ("firstName", "John"));

        Assert.Equal(id, updated);
        var profile = Assert.Single(Profiles());
        Assert.Equal("John", profile.Attributes["firstName"]);
        Assert.Equal("34567", profile.Attributes["customerId"]);
        Assert.False(profile.Attributes.ContainsKey("lastName"), "a full-data update clears what it does not mention");
        Assert.False(profile.Attributes.ContainsKey("emailAddress"));
        Assert.Equal(2, profile.WriteCount);
    }

    [Fact]
    public async Task A_match_on_emailAddress_alone_ignores_case()
    {
        await AuthenticateAsync();
        const string email = "Jane.Doe@Example.com";
        var id = await CreateProfileAsync(("emailAddress", email), ("customerId", 7));

        var updated = await CreateProfileAsync(("emailAddress", email.ToLowerInvariant()), ("lastName", "Doe"));

        Assert.Equal(id, updated);
        var profile = Assert.Single(Profiles());
        Assert.Equal(email.ToLowerInvariant(), profile.Attributes["emailAddress"]);
    }

    [Fact]
    public async Task Both_keys_on_the_same_profile_update_it()
    {
        await AuthenticateAsync();
        var id = await CreateProfileAsync(("customerId", 5), ("emailAddress", "five@example.com"));

        var updated = await CreateProfileAsync(("customerId", 5), ("emailAddress", "five@example.com"), ("nbChildren", 3));

        Assert.Equal(id, updated);
        Assert.Equal("3", Assert.Single(Profiles()).Attributes["nbChildren"]);
    }

    [Fact]
    public async Task An_update_leaves_unmentioned_subscriptions_and_segmentations_alone()
    {
        await AuthenticateAsync();
        using (await PostProfileAsync(new JsonObject
        {
            ["attributes"] = new JsonArray(new JsonObject { ["name"] = "customerId", ["value"] = 9 }),
            ["subscriptions"] = new JsonArray(new JsonObject { ["name"] = "Newsletter", ["subscribe"] = "true" }),
            ["segmentations"] = new JsonArray(new JsonObject
            {
                ["belongs"] = "true",
                ["segmentation"] = new JsonObject { ["name"] = "ClientType", ["category"] = "Gold" },
            }),
        }.ToJsonString()))
        {
        }

        await CreateProfileAsync(("customerId", 9), ("lastName", "Later"));

        var profile = Assert.Single(Profiles());
        Assert.True(profile.Subscriptions["Newsletter"]);
        Assert.Equal(["Gold"], profile.Segmentations["ClientType"]);
    }

    [Fact]
    public async Task Keys_matching_different_profiles_are_a_409_conflict_and_nothing_is_applied()
    {
        await AuthenticateAsync();
        var first = await CreateProfileAsync(("customerId", 1), ("emailAddress", "one@example.com"));
        var second = await CreateProfileAsync(("customerId", 2), ("emailAddress", "two@example.com"));
        var before = Serialise(Admin.GetState());

        using var response = await PostProfileAsync(Body(("customerId", 1), ("emailAddress", "two@example.com"), ("lastName", "Mixed")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("UNIQUE_KEY_CONFLICT", body.GetProperty("errorCode").GetString());
        var message = body.GetProperty("message").GetString()!;
        Assert.Contains("customerId=1", message);
        Assert.Contains("emailAddress=two@example.com", message);
        Assert.Contains(first.ToString(CultureInfo.InvariantCulture), message);
        Assert.Contains(second.ToString(CultureInfo.InvariantCulture), message);
        Assert.Equal(before, Serialise(Admin.GetState()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task An_existing_profile_without_allowUpdate_is_a_409_and_unchanged(bool? allowUpdate)
    {
        await AuthenticateAsync();
        await CreateProfileAsync(("customerId", 34567), ("lastName", "Smith"));
        var before = Serialise(Admin.GetState());

        using var response = await PostProfileAsync(Body(("customerId", 34567), ("lastName", "Jones")), allowUpdate);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("PROFILE_ALREADY_EXISTS", (await ReadJsonAsync(response)).GetProperty("errorCode").GetString());
        Assert.Equal(before, Serialise(Admin.GetState()));
    }

    [Fact]
    public async Task Without_allowUpdate_a_new_profile_is_still_created()
    {
        await AuthenticateAsync();

        using var response = await PostProfileAsync(Body(("customerId", 11)), allowUpdate: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Profiles());
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_key_make_one_profile_written_by_each()
    {
        const int writers = 20;
        Admin.UpdateSettings(new EmulatorSettingsUpdate { MaxConcurrentRequests = 0, CallsPerMinute = 0 });
        await AuthenticateAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
        {
            using var response = await PostProfileAsync(Body(("customerId", 424242), ("nbChildren", i)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await ReadJsonAsync(response)).GetProperty("profileId").GetInt64();
        }));

        var profile = Assert.Single(Profiles());
        Assert.All(responses, id => Assert.Equal(profile.ProfileId, id));
        Assert.Equal(writers, profile.WriteCount);
    }

    [Theory]
    [InlineData("profiles/v4/entity/NoSuchEntity/table/MyWebsiteProfiles/profile", "ENTITY_NOT_FOUND")]
    [InlineData("profiles/v4/entity/MyEntity/table/NoSuchTable/profile", "PROFILE_TABLE_NOT_FOUND")]
    public async Task An_unknown_entity_or_table_is_404(string path, string errorCode)
    {
        await AuthenticateAsync();

        using var response = await Http.PostAsync(path, Json(Body(("customerId", 1))));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(errorCode, (await ReadJsonAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Entity_and_table_names_match_in_any_case()
    {
        await AuthenticateAsync();

        using var response = await Http.PostAsync(
            $"profiles/v4/entity/{TestLicences.Entity.ToLowerInvariant()}/table/{TestLicences.Table.ToUpperInvariant()}/profile",
            Json(Body(("customerId", 1))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Profiles());
    }

    [Fact]
    public async Task Reading_by_an_attribute_that_is_not_unique_is_400()
    {
        await AuthenticateAsync();
        await CreateProfileAsync(("customerId", 1), ("lastName", "Smith"));

        using var response = await GetProfileAsync("lastName=Smith");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("lastName", (await ReadJsonAsync(response)).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("customerId=999")]
    [InlineData("999")]
    public async Task Reading_a_profile_that_does_not_exist_is_404(string key)
    {
        await AuthenticateAsync();
        await CreateProfileAsync(("customerId", 1));

        using var response = await GetProfileAsync(key);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_deleted_profile_is_gone_and_its_keys_are_free_again()
    {
        await AuthenticateAsync();
        var id = await CreateProfileAsync(("customerId", 1));

        using (var deleted = await Http.DeleteAsync($"{ProfilePath}/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        using (var again = await Http.DeleteAsync($"{ProfilePath}/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        var recreated = await CreateProfileAsync(("customerId", 1));
        Assert.NotEqual(id, recreated);
    }

    [Fact]
    public async Task A_partial_update_cannot_take_a_key_held_by_another_profile()
    {
        await AuthenticateAsync();
        await CreateProfileAsync(("customerId", 1));
        var second = await CreateProfileAsync(("customerId", 2));
        var before = Serialise(Admin.GetState());

        using var response = await Http.PutAsync($"{ProfilePath}/{second}", Json(Body(("customerId", 1))));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, Serialise(Admin.GetState()));
    }
}
