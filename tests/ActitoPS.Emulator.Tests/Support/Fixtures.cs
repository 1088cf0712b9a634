using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.Tests.Support;

/// <summary>The seed guide's JSON bodies, copied verbatim into Fixtures/.</summary>
internal static class Fixtures
{
    public const string CreateOrUpdateProfile = "create-or-update-profile.json";
    public const string UpdateProfileSubscriptions = "update-profile-subscriptions.json";

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static JsonObject ReadObject(string name) => JsonNode.Parse(Read(name))!.AsObject();
}
