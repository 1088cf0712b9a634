using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.Tests.Support;

/// <summary>The seed guide's JSON bodies, copied verbatim into Fixtures/.</summary>
internal static class Fixtures
{
    public const string CreateOrUpdateProfile = "create-or-update-profile.json";
    public const string UpdateProfileSubscriptions = "update-profile-subscriptions.json";

    // The custom-table guide's examples. The POST body is the curl call's -d text with the shell's \" escapes removed.
    public const string CustomTableStructure = "custom-table-structure.json";
    public const string CustomTableRecord32 = "custom-table-record-32.json";
    public const string CustomTableQueryCustomer50662 = "custom-table-query-customer-50662.json";
    public const string CustomTableCreateRecord = "custom-table-create-record.json";
    public const string CustomTableCreateRecordAnswer = "custom-table-create-record-answer.json";

    // The feeding guide's TRIGGERED multi-file ETL definition and its webhook subscription on ETL executions.
    public const string TriggeredEtlProfilesAndOrders = "triggered-etl-profiles-and-orders.json";
    public const string WebhookSubscriptionEtlExecution = "webhook-subscription-etl-execution.json";

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static JsonObject ReadObject(string name) => JsonNode.Parse(Read(name))!.AsObject();
}
