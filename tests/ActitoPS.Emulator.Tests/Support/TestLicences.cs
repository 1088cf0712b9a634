namespace ActitoPS.Emulator.Tests.Support;

internal static class TestLicences
{
    public const string ApiKey = "local-dev-key";
    public const string Entity = "MyEntity";
    public const string Table = "MyWebsiteProfiles";

    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "licence.json");

    /// <summary>A fresh copy of samples/licence.json, so a test may change it freely.</summary>
    public static Licence Sample() => Licence.Load(SamplePath);

    /// <summary>The sample with a BOOLEAN and a DATETIME attribute added, which the guide's table lacks.</summary>
    public static Licence SampleWithEveryValueType()
    {
        var licence = Sample();
        var attributes = licence.Entities[0].ProfileTables[0].Attributes;
        attributes.Add(new ProfileAttributeDefinition { Name = "optIn", ValueType = "BOOLEAN" });
        attributes.Add(new ProfileAttributeDefinition { Name = "lastVisit", ValueType = "DATETIME" });
        return licence;
    }

    public static Licence WithLimits(this Licence licence, int? maxConcurrentRequests = null, int? callsPerMinute = null, int? tokenLifetimeSeconds = null)
    {
        licence.Limits.MaxConcurrentRequests = maxConcurrentRequests ?? licence.Limits.MaxConcurrentRequests;
        licence.Limits.CallsPerMinute = callsPerMinute ?? licence.Limits.CallsPerMinute;
        licence.Limits.TokenLifetimeSeconds = tokenLifetimeSeconds ?? licence.Limits.TokenLifetimeSeconds;
        return licence;
    }
}
