using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.Tests.Support;

/// <summary>
/// One-shot ETL executions against a fresh emulator, authenticated, on a clock the test moves, with
/// etlDurationMs 0 so that executions end as soon as they have run (tests that watch IN_PROGRESS raise it).
/// </summary>
public abstract class EtlTest : EmulatorTest
{
    public const string Executions = $"mass-imports/v5/entities/{TestLicences.Entity}/etl-executions";
    public const string CustomTableId = "daf01958-fef1-43fe-a921-12d82772dc2a";

    internal ManualClock Clock { get; } = new();

    protected override EmulatorOptions CreateOptions() => new() { Licence = CreateLicence(), TimeProvider = Clock };

    protected virtual Licence CreateLicence() => TestLicences.Sample();

    protected override async Task OnStartedAsync()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { EtlDurationMs = 0 });
        await AuthenticateAsync();
    }

    /// <summary>The guide's one-shot definition (its multipart form), for these headers → technical names.</summary>
    protected static JsonObject Definition(
        string mapping,
        string mode = "CREATE_OR_UPDATE",
        string table = TestLicences.Table,
        string destinationType = "PROFILE_TABLE",
        string separator = ",",
        bool errorFiles = false,
        bool resultFiles = false) =>
        new()
        {
            ["type"] = "ONESHOT",
            ["inputFileProperties"] = new JsonObject { ["csvFormat"] = new JsonObject { ["separator"] = separator } },
            ["dataLoading"] = new JsonObject
            {
                ["destination"] = new JsonObject
                {
                    ["type"] = destinationType,
                    ["id"] = table,
                    ["attributesMapping"] = Mapping(mapping),
                },
                ["parameters"] = new JsonObject
                {
                    ["mode"] = mode,
                    ["generateErrorFiles"] = errorFiles,
                    ["generateResultFiles"] = resultFiles,
                },
            },
            ["reportRecipients"] = new JsonArray("john.smith@actito.com"),
        };

    protected static JsonObject TicketDefinition(string mapping = "ref,refMagasin,montant,customerId", string mode = "CREATE_OR_UPDATE", bool errorFiles = false, bool resultFiles = false) =>
        Definition(mapping, mode, TestLicences.CustomTable, "CUSTOM_TABLE", errorFiles: errorFiles, resultFiles: resultFiles);

    /// <summary>"header=attribute,…"; a bare name maps a header to the attribute of the same name.</summary>
    protected static JsonArray Mapping(string mapping) =>
        new(mapping.Split(',').Select(pair =>
        {
            var parts = pair.Split('=', 2);
            return (JsonNode)new JsonObject { ["header"] = parts[0], ["attributeName"] = parts[^1] };
        }).ToArray());

    protected static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    protected static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    protected static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>POST …/etl-executions as the guide's curl call does: two file parts.</summary>
    protected Task<HttpResponseMessage> SubmitAsync(byte[] file, JsonObject definition, string fileName = "input.csv", bool definitionAsText = false, HttpClient? client = null) =>
        SubmitAsync(new ByteArrayContent(file), definition.ToJsonString(), fileName, definitionAsText, client);

    protected Task<HttpResponseMessage> SubmitAsync(HttpContent file, string? definition, string fileName = "input.csv", bool definitionAsText = false, HttpClient? client = null)
    {
        var form = new MultipartFormDataContent();
        form.Add(file, "inputFile", fileName);
        if (definition is not null)
        {
            if (definitionAsText)
            {
                form.Add(new StringContent(definition), "oneshotEtl");
            }
            else
            {
                var part = new ByteArrayContent(Utf8(definition));
                part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                form.Add(part, "oneshotEtl", "oneshotEtl.json");
            }
        }

        return (client ?? Http).PostAsync(Executions, form);
    }

    /// <returns>The new execution's id.</returns>
    protected async Task<long> StartAsync(byte[] file, JsonObject definition, string fileName = "input.csv")
    {
        using var response = await SubmitAsync(file, definition, fileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    protected Task<long> StartAsync(string csv, JsonObject definition) => StartAsync(Utf8(csv), definition);

    /// <summary>Submits and waits until the execution has ended; returns its GET answer.</summary>
    protected async Task<JsonElement> RunAsync(byte[] file, JsonObject definition, string fileName = "input.csv") =>
        await WaitForEndAsync(await StartAsync(file, definition, fileName));

    protected Task<JsonElement> RunAsync(string csv, JsonObject definition) => RunAsync(Utf8(csv), definition);

    protected async Task<JsonElement> GetExecutionAsync(long id)
    {
        using var response = await Http.GetAsync($"{Executions}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>Polls the execution as a client would, until it is no longer IN_PROGRESS.</summary>
    protected async Task<JsonElement> WaitForEndAsync(long id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var execution = await GetExecutionAsync(id);
            if (execution.GetProperty("status").GetString() != "IN_PROGRESS")
            {
                return execution;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Execution {id} is still IN_PROGRESS.");
            }

            await Task.Delay(10);
        }
    }

    protected static JsonElement Results(JsonElement execution) => execution.GetProperty("integrationResults");

    /// <summary>linesRead, linesInError, linesInserted, linesUpdated, linesDeleted.</summary>
    protected static void AssertCounters(JsonElement execution, int read, int inError, int inserted, int updated, int deleted)
    {
        Assert.Equal("FINISHED", execution.GetProperty("status").GetString());
        var results = Results(execution);
        Assert.Equal(
            new[] { read, inError, inserted, updated, deleted },
            new[] { "linesRead", "linesInError", "linesInserted", "linesUpdated", "linesDeleted" }.Select(n => results.GetProperty(n).GetInt32()));
    }

    protected static void AssertFailed(JsonElement execution, string code)
    {
        Assert.True(execution.GetProperty("status").GetString() == "FAILED", $"Expected FAILED {code}, got {execution}");
        Assert.Equal(code, execution.GetProperty("error").GetProperty("code").GetString());
        Assert.False(execution.TryGetProperty("integrationResults", out _));
    }

    protected async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>The output files' list of an execution, kind → its entry.</summary>
    protected async Task<Dictionary<string, JsonElement>> OutputFilesAsync(long id) =>
        (await GetAsync($"{Executions}/{id}/output-files")).GetProperty("outputFiles").EnumerateArray()
            .ToDictionary(f => f.GetProperty("kind").GetString()!, f => f);

    /// <summary>A file's bytes, fetched at its downloadPath as the client would.</summary>
    protected async Task<byte[]> DownloadAsync(JsonElement file)
    {
        var path = file.GetProperty("downloadPath").GetString()!;
        using var response = await Http.GetAsync(new Uri(Server.BaseUri, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    protected ProfileSnapshot Profile(string attribute, string value) =>
        Assert.Single(Profiles(), p => p.Attributes.TryGetValue(attribute, out var v) && v == value);

    protected IReadOnlyList<CustomTableRecordSnapshot> Tickets() => Admin.GetRecords(TestLicences.Entity, TestLicences.CustomTable);

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
