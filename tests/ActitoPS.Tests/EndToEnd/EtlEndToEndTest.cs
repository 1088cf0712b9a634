using System.Collections;
using System.Collections.Specialized;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using ActitoPS.Core.MassImports;
using ActitoPS.Core.Records;
using ActitoPS.Core.Time;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

/// <summary>
/// Real time, only faster: every wait is <see cref="Speed"/> times shorter and the clock runs that much faster, so
/// polling (1 s, 2 s, 4 s…), progress intervals and timeouts keep their proportions while a test takes milliseconds.
/// </summary>
public sealed class QuickClock : IClock
{
    public const int Speed = 200;

    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public DateTimeOffset UtcNow => _start + TimeSpan.FromTicks(_watch.Elapsed.Ticks * Speed);

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(TimeSpan.FromTicks(Math.Max(delay.Ticks / Speed, TimeSpan.TicksPerMillisecond)), cancellationToken);
}

/// <summary>
/// What the bulk-import end-to-end tests share: an emulator reset with executions that end at once and no call
/// rate, a spool folder and a work folder of their own (removed afterwards), connections on a <see cref="QuickClock"/>.
/// </summary>
public abstract class EtlEndToEndTest : IDisposable
{
    protected const string Table = EmulatorFixture.Table;
    protected const string Tickets = "DemoDocTickets";
    protected const string TicketsId = "daf01958-fef1-43fe-a921-12d82772dc2a";

    private readonly List<ActitoConnection> _connections = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "actitops-tests", Guid.NewGuid().ToString("N"));

    protected EtlEndToEndTest(EmulatorFixture emulator)
    {
        Emulator = emulator;
        Emulator.Admin.Reset();
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0, EtlDurationMs = 0 });
        Spool = Path.Combine(_root, "spool");
        Work = Path.Combine(_root, "work");
        Directory.CreateDirectory(Work);
    }

    protected EmulatorFixture Emulator { get; }

    protected EmulatorAdmin Admin => Emulator.Admin;

    /// <summary>Where StartEtlOperation spools (created by the writer when it needs it).</summary>
    protected string Spool { get; }

    /// <summary>The test's own files: inputs given with -Path, -OutFile targets, saved outputs.</summary>
    protected string Work { get; }

    protected QuickClock Clock { get; } = new();

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Connects as <see cref="EmulatorFixture.Connect"/> does, on the quick clock.</summary>
    protected ActitoConnection Connect()
    {
        var options = new ActitoConnectionOptions
        {
            Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200), MaxAttempts = 6 },
            Clock = Clock,
        };
        var request = new ConnectRequest(EmulatorFixture.Entity)
        {
            BaseUri = Emulator.Server.BaseUri,
            CallsPerMinute = 0,
            ReadEnvironment = name => name == ApiKeyResolver.EnvironmentVariable ? EmulatorFixture.ApiKey : null,
        };
        var connection = ConnectOperation.Run(request, new RecordingHost(), CancellationToken.None, options);
        _connections.Add(connection);
        return connection;
    }

    /// <summary>A Start-ActitoEtl into the profile table (or <paramref name="customTable"/>), spooling into this test's folder.</summary>
    protected StartEtlOperation Start(ActitoConnection connection, RecordingHost host, EtlMode mode = EtlMode.CreateOrUpdate, string? customTable = null,
        CancellationToken cancellationToken = default) =>
        new(connection, host, null, cancellationToken)
        {
            Table = customTable == null ? Table : null,
            CustomTable = customTable,
            Mode = mode,
            SpoolDirectory = Spool,
        };

    /// <summary>What Start-ActitoEtl does with a pipeline: every row through one operation, completion, disposal.</summary>
    protected RecordingHost Import(IEnumerable<object?> rows, EtlMode mode = EtlMode.CreateOrUpdate, string? customTable = null, Action<StartEtlOperation>? setup = null,
        RecordingHost? host = null, ActitoConnection? connection = null)
    {
        host ??= new RecordingHost();
        using var operation = Start(connection ?? Connect(), host, mode, customTable);
        setup?.Invoke(operation);
        foreach (var row in rows) operation.Process(row);
        operation.Complete();
        return host;
    }

    /// <summary>Creates profiles one by one (Set-ActitoProfile), a path independent of the bulk import.</summary>
    protected void SeedProfiles(params object[] rows)
    {
        var host = new RecordingHost();
        EmulatorFixture.SetProfiles(Connect(), host, rows);
        Assert.Empty(host.Errors);
    }

    /// <summary>The uploads Actito received: POST …/etl-executions, whatever their answer.</summary>
    protected List<RequestLogEntry> Uploads() =>
        Admin.GetRequestLog().Where(e => e.Method == "POST" && e.Path.EndsWith("/etl-executions", StringComparison.Ordinal)).ToList();

    protected string[] SpoolFiles() => Directory.Exists(Spool) ? Directory.GetFiles(Spool, "*", SearchOption.AllDirectories) : [];

    protected IReadOnlyList<ProfileSnapshot> Profiles() => Admin.GetProfiles(EmulatorFixture.Entity, Table);

    protected ProfileSnapshot Profile(long customerId) =>
        Assert.Single(Profiles(), p => p.Attributes.TryGetValue("customerId", out var id) && id == customerId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected bool HasProfile(long customerId) =>
        Profiles().Any(p => p.Attributes.TryGetValue("customerId", out var id) && id == customerId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected IReadOnlyList<CustomTableRecordSnapshot> Records() => Admin.GetRecords(EmulatorFixture.Entity, Tickets);

    protected CustomTableRecordSnapshot Record(long reference) =>
        Assert.Single(Records(), r => r.BusinessKey == reference.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Waits (real time) until the emulator's execution is no longer IN_PROGRESS.</summary>
    protected EtlExecutionSnapshot Ended(long id)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var execution = Assert.Single(Admin.GetEtlExecutions(), e => e.Id == id);
            if (execution.Status != "IN_PROGRESS") return execution;
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"Execution {id} is still IN_PROGRESS.");
            Thread.Sleep(10);
        }
    }

    protected string WriteFile(string name, string text) => WriteFile(name, new UTF8Encoding(false).GetBytes(text));

    protected string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(Work, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    protected static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(new UTF8Encoding(false).GetBytes(text));
        return buffer.ToArray();
    }

    protected static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            foreach (var (name, text) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(new UTF8Encoding(false).GetBytes(text));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>An import file's CSV text, whatever its packing.</summary>
    protected static string CsvText(string path)
    {
        using var reader = new StreamReader(EtlFileReader.OpenCsv(path), new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    protected static ActitoRecord Row(params (string Name, object? Value)[] cells)
    {
        var record = new ActitoRecord();
        foreach (var (name, value) in cells) record.Add(name, value);
        return record;
    }

    /// <summary>A row as a hashtable would bring it (no column order).</summary>
    protected static Hashtable Hash(params (string Name, object? Value)[] cells)
    {
        var table = new Hashtable();
        foreach (var (name, value) in cells) table[name] = value;
        return table;
    }

    /// <summary>A row as Import-Csv would bring it: ordered, every value a string.</summary>
    protected static OrderedDictionary Csv(params (string Name, string Value)[] cells)
    {
        var row = new OrderedDictionary();
        foreach (var (name, value) in cells) row[name] = value;
        return row;
    }

    protected static EtlExecution Single(RecordingHost host) => Assert.IsType<EtlExecution>(Assert.Single(host.Output));
}
