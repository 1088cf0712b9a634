using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.Tests.Support;

/// <summary>
/// TRIGGERED ETLs against a fresh emulator whose licence holds the feeding guide's tables, on the manual clock
/// (2024-01-15 UTC, so profiles_$YYYYMMDD.csv is profiles_20240115.csv), with etlDurationMs 0.
/// </summary>
public abstract class TriggeredEtlTest : EtlTest
{
    public const string Etls = $"mass-imports/v5/entities/{TestLicences.Entity}/etls";
    public const string Today = "20240115";

    protected override Licence CreateLicence() => TestLicences.SampleWithGuideOrders();

    /// <summary>The feeding guide's multi-file definition, exactly as printed.</summary>
    protected static JsonObject GuideDefinition() => Fixtures.ReadObject(Fixtures.TriggeredEtlProfilesAndOrders);

    /// <summary>
    /// A one-file TRIGGERED definition in the guide's shape: file "data" (pattern data.csv) into the profile
    /// table, these headers → technical names ("header=attribute,…").
    /// </summary>
    protected static JsonObject OneFileDefinition(string mapping, string mode = "CREATE_OR_UPDATE", string table = TestLicences.Table, string destinationType = "PROFILE_TABLE", bool errorFiles = true, bool resultFiles = false) =>
        new()
        {
            ["type"] = "TRIGGERED",
            ["name"] = "one-file",
            ["triggering"] = new JsonObject { ["type"] = "API", ["paused"] = false },
            ["fileTransfer"] = new JsonObject
            {
                ["input"] = new JsonObject { ["files"] = new JsonArray(new JsonObject { ["fileCode"] = "data", ["fileNamePattern"] = "data.csv" }) },
            },
            ["inputFilesProperties"] = new JsonArray(new JsonObject { ["fileCode"] = "data", ["csvFormat"] = new JsonObject { ["separator"] = "," } }),
            ["dataLoadings"] = new JsonArray(new JsonObject
            {
                ["fileCode"] = "data",
                ["destination"] = new JsonObject { ["type"] = destinationType, ["id"] = table, ["attributesMapping"] = Mapping(mapping) },
                ["parameters"] = new JsonObject { ["mode"] = mode, ["generateErrorFiles"] = errorFiles, ["generateResultFiles"] = resultFiles },
            }),
        };

    protected Task<HttpResponseMessage> PostEtlAsync(JsonObject definition) => Http.PostAsync(Etls, Json(definition.ToJsonString()));

    protected Task<HttpResponseMessage> PostEtlAsync(string definition) => Http.PostAsync(Etls, Json(definition));

    /// <returns>The new ETL's id.</returns>
    protected async Task<long> CreateEtlAsync(JsonObject definition)
    {
        using var response = await PostEtlAsync(definition);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>POST …/etls/{id}/trigger-execution as the guide's curl call does: the file as the part inputFile.</summary>
    protected Task<HttpResponseMessage> TriggerAsync(long etlId, byte[] file, string fileName = "ordergeneration_" + Today + ".zip")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "inputFile", fileName);
        return Http.PostAsync($"{Etls}/{etlId}/trigger-execution", form);
    }

    /// <returns>The new execution's id.</returns>
    protected async Task<long> StartTriggeredAsync(long etlId, byte[] file, string fileName = "ordergeneration_" + Today + ".zip")
    {
        using var response = await TriggerAsync(etlId, file, fileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Triggers and waits until the execution has ended; returns its GET answer.</summary>
    protected async Task<JsonElement> RunTriggeredAsync(long etlId, byte[] file, string fileName = "ordergeneration_" + Today + ".zip") =>
        await WaitForEndAsync(await StartTriggeredAsync(etlId, file, fileName));

    /// <summary>The guide's two files for today: profiles (eMail, ';'-separated) and orders (source).</summary>
    protected static byte[] GuideZip(string profiles = "eMail\njohn.smith@actito.com\n", string orders = "source\nstore-12\n", params (string Name, byte[] Content)[] more) =>
        Zip([($"profiles_{Today}.csv", Utf8(profiles)), ("orders.csv", Utf8(orders)), .. more]);

    protected IReadOnlyList<CustomTableRecordSnapshot> GuideOrders() => Admin.GetRecords(TestLicences.Entity, TestLicences.GuideOrdersTable);
}
