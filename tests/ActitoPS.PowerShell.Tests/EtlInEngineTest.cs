using System.IO.Compression;
using System.Management.Automation;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// What the ETL tests share: a temp folder of their own, no call-rate limit and executions that end at once,
/// rows built as PowerShell objects in C# (so no value has to survive script quoting), and the emulator's view.
/// </summary>
public abstract class EtlInEngineTest : InEngineTest
{
    public const string TicketTable = "DemoDocTickets";

    protected static readonly Encoding Utf8NoBom = new UTF8Encoding(false);

    protected EtlInEngineTest(EmulatorFixture emulator) : base(emulator)
    {
        Work = Path.Combine(Path.GetTempPath(), "actitops-etl-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Work);
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0, EtlDurationMs = 0 });
    }

    /// <summary>This test's temp folder, deleted after it.</summary>
    protected string Work { get; }

    /// <summary>Files outside <see cref="Work"/> a test made the module keep (a spool file), deleted after it.</summary>
    protected List<string> Kept { get; } = [];

    public override void Dispose()
    {
        base.Dispose();
        foreach (var file in Kept.Where(File.Exists)) File.Delete(file);
        if (Directory.Exists(Work)) Directory.Delete(Work, recursive: true);
    }

    protected void ConnectFast() => Connect("-CallsPerMinute 0");

    /// <summary>The uploads (POST …/etl-executions) that reached the emulator.</summary>
    protected IReadOnlyList<RequestLogEntry> Uploads() =>
        [.. Emulator.Admin.GetRequestLog().Where(e => e.Method == "POST" && e.Path.EndsWith("/etl-executions", StringComparison.Ordinal))];

    protected IReadOnlyList<ProfileSnapshot> Profiles() => Emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table);

    protected ProfileSnapshot? Profile(string customerId) =>
        Profiles().SingleOrDefault(p => p.Attributes.GetValueOrDefault("customerId") == customerId);

    protected IReadOnlyList<CustomTableRecordSnapshot> Records() => Emulator.Admin.GetRecords(EmulatorFixture.Entity, TicketTable);

    protected CustomTableRecordSnapshot? Ticket(string reference) => Records().SingleOrDefault(r => r.BusinessKey == reference);

    /// <summary>An Import-Csv-like row: a PSCustomObject with these note properties, in this order, values as given (typed or not).</summary>
    protected static PSObject Obj(params (string Name, object? Value)[] cells)
    {
        var row = new PSObject();
        foreach (var (name, value) in cells) row.Properties.Add(new PSNoteProperty(name, value));
        return row;
    }

    /// <summary>Sets $name in the session to these rows (an object[]), ready for `$name | Start-ActitoEtl …`.</summary>
    protected void SetRows(string name, params object[] rows) => Session.SetVariable(name, rows);

    /// <summary>Waits, in the emulator, until no execution is IN_PROGRESS (for tests that start without -Wait).</summary>
    protected IReadOnlyList<EtlExecutionSnapshot> SettledExecutions()
    {
        var limit = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var executions = Emulator.Admin.GetEtlExecutions();
            if (executions.All(e => e.Status != "IN_PROGRESS")) return executions;
            Assert.True(DateTime.UtcNow < limit, "An execution stayed IN_PROGRESS for 10 s.");
            Thread.Sleep(10);
        }
    }

    private const string Executions = $"mass-imports/v5/entities/{EmulatorFixture.Entity}/etl-executions";

    /// <summary>Starts an execution Actito will FAIL (a CSV with a byte order mark), straight through the API as another client would.</summary>
    protected long StartFailingExecution()
    {
        var token = Emulator.Admin.GetIssuedTokens().Last();
        using var http = new HttpClient { BaseAddress = Emulator.Server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var definition = """
            {"type":"ONESHOT","inputFileProperties":{"csvFormat":{"separator":","}},
             "dataLoading":{"destination":{"type":"PROFILE_TABLE","id":"1",
               "attributesMapping":[{"header":"customerId","attributeName":"customerId"},{"header":"lastName","attributeName":"lastName"}]},
               "parameters":{"mode":"CREATE_OR_UPDATE","generateErrorFiles":true}}}
            """;
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent([.. new UTF8Encoding(true).GetPreamble(), .. Encoding.UTF8.GetBytes("customerId,lastName\r\n74001,Bom\r\n")]), "inputFile", "bom.csv");
        var part = new ByteArrayContent(Utf8NoBom.GetBytes(definition));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(part, "oneshotEtl", "oneshotEtl.json");
        using var response = http.PostAsync(Executions, form).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
        Assert.Equal("FAILED", SettledExecutions().Single(e => e.Id == id).Status);
        Emulator.Admin.ClearRequestLog();
        return id;
    }

    protected static string Gunzip(string path)
    {
        using var text = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Utf8NoBom);
        return text.ReadToEnd();
    }

    protected static object? Prop(PSObject item, string name) => Rows.Property(item, name);

    protected static string Q(string text) => Rows.Quote(text);
}
