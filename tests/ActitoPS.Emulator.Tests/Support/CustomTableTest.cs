using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.Tests.Support;

/// <summary>Custom-table calls under either of the guide's base paths, on a clock the test moves.</summary>
public abstract class CustomTableTest : EmulatorTest
{
    /// <summary>The current host's base, and the older hosts' (the guide's curl examples).</summary>
    public const string CustomDataBase = $"custom-data/v4/entity/{TestLicences.Entity}/customTable";
    public const string WebServicesBase = $"ActitoWebServices/ws/v4/entity/{TestLicences.Entity}/customTable";

    public static readonly TheoryData<string> BasePaths = new() { CustomDataBase, WebServicesBase };

    internal ManualClock Clock { get; } = new();

    protected override EmulatorOptions CreateOptions() => new() { Licence = CreateLicence(), TimeProvider = Clock };

    protected virtual Licence CreateLicence() => TestLicences.Sample();

    protected static string Records(string table = TestLicences.CustomTable, string basePath = CustomDataBase) => $"{basePath}/{table}/record";

    protected static string RecordPath(string key, string table = TestLicences.CustomTable, string basePath = CustomDataBase) =>
        $"{Records(table, basePath)}/{Uri.EscapeDataString(key)}";

    protected Task<HttpResponseMessage> PostRecordAsync(string json, bool? allowUpdate = false, string table = TestLicences.CustomTable, string basePath = CustomDataBase)
    {
        var query = allowUpdate is null ? "" : $"?allowUpdate={(allowUpdate.Value ? "true" : "false")}";
        return Http.PostAsync(Records(table, basePath) + query, Json(json));
    }

    protected Task<HttpResponseMessage> PutRecordAsync(string key, string json, string table = TestLicences.CustomTable) =>
        Http.PutAsync(RecordPath(key, table), Json(json));

    /// <summary>{"properties":[{name,value}…]} from pairs; a value is any JSON (null included).</summary>
    protected static string RecordBody(params (string Name, JsonNode? Value)[] properties) =>
        new JsonObject
        {
            ["properties"] = new JsonArray(properties
                .Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value?.DeepClone() })
                .ToArray()),
        }.ToJsonString();

    /// <summary>A complete new ticket (strings for every value, as the guide sends them).</summary>
    protected static string Ticket(long reference, long customerId = 34567, long montant = 93, string refMagasin = "2") =>
        RecordBody(("ref", reference.ToString()), ("refMagasin", refMagasin), ("montant", montant.ToString()), ("customerId", customerId.ToString()));

    protected IReadOnlyList<CustomTableRecordSnapshot> Tickets() => Admin.GetRecords(TestLicences.Entity, TestLicences.CustomTable);

    protected CustomTableRecordSnapshot Ticket(string businessKey) => Assert.Single(Tickets(), r => r.BusinessKey == businessKey);

    /// <summary>The answer's properties as name → value.</summary>
    protected static Dictionary<string, JsonElement> PropertiesOf(JsonElement record) =>
        record.GetProperty("properties").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value"));

    /// <summary>Equal as JSON, with objects' property order and arrays' element order both significant.</summary>
    protected static void AssertSameJson(string expected, string actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), JsonNode.Parse(actual)!.ToJsonString());

    protected static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {errorCode}, got {(int)response.StatusCode}: {text}");
        using var body = JsonDocument.Parse(text);
        Assert.Equal(errorCode, body.RootElement.GetProperty("errorCode").GetString());
        if (field is not null)
        {
            Assert.Equal(field, body.RootElement.GetProperty("field").GetString());
        }
    }
}
