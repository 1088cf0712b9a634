using System.Collections.Specialized;
using System.Globalization;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using ActitoPS.Core.Profiles;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;
using CsvHelper;
using CsvHelper.Configuration;

namespace ActitoPS.Tests.EndToEnd;

/// <summary>One emulator per test class, on a free loopback port; each test starts from a reset state.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string Entity = "MyEntity";
    public const string Table = "MyWebsiteProfiles";
    public const string ApiKey = "local-dev-key";

    public EmulatorServer Server { get; private set; } = null!;

    public EmulatorAdmin Admin => Server.Admin;

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public async Task InitializeAsync() =>
        Server = await EmulatorServer.StartAsync(new EmulatorOptions { LicencePath = SamplePath("licence.json") });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Connects the way Connect-Actito does, with retry waits short enough for a test.</summary>
    /// <param name="retry">Null for waits short enough for a test; pass the shipped defaults to test those.</param>
    public ActitoConnection Connect(RecordingHost host, int maxConcurrentRequests = 5, Func<HttpMessageHandler>? primary = null, RetryOptions? retry = null)
    {
        var options = new ActitoConnectionOptions
        {
            Retry = retry ?? new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200), MaxAttempts = 6 },
            PrimaryHandlerFactory = primary,
        };
        var request = new ConnectRequest(Entity)
        {
            BaseUri = Server.BaseUri,
            MaxConcurrentRequests = maxConcurrentRequests,
            CallsPerMinute = 0,
            ReadEnvironment = name => name == ApiKeyResolver.EnvironmentVariable ? ApiKey : null,
        };
        return ConnectOperation.Run(request, host, CancellationToken.None, options);
    }

    /// <summary>What a cmdlet does with a pipeline: every input through one operation, then completion.</summary>
    public static void SetProfiles(ActitoConnection connection, RecordingHost host, IEnumerable<object?> rows, DataCollectionInfo? dataCollection = null,
        string table = Table, CancellationToken cancellationToken = default, bool createOnly = false)
    {
        using var operation = new SetProfileOperation(connection, table, dataCollection, host, null, cancellationToken) { CreateOnly = createOnly };
        foreach (var row in rows) operation.Process(row);
        operation.Complete();
    }

    /// <summary>Reads a CSV as Import-Csv does: one object a line, every cell a string, headers as property names.</summary>
    public static List<OrderedDictionary> ImportCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var headers = csv.HeaderRecord!;
        var rows = new List<OrderedDictionary>();
        while (csv.Read())
        {
            var row = new OrderedDictionary();
            foreach (var header in headers) row[header] = csv.GetField(header) ?? string.Empty;
            rows.Add(row);
        }
        return rows;
    }
}
