using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Profiles;
using ActitoPS.Emulator;

// Usage: dotnet run -c Release --project benchmarks/ActitoPS.LoadHarness -- [rows] [latencyMs] [scenarios, e.g. 1,3]
// Runs Set-ActitoProfile's engine three ways (clean, with injected 503/429, with a client that
// allows more in flight than the licence) and prints rows/s and what the emulator applied.
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var latencyMs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var scenarios = args.Length > 2 ? args[2].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToHashSet() : new HashSet<int> { 1, 2, 3 };

await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
{
    LicencePath = Path.Combine(AppContext.BaseDirectory, "samples", "licence.json"),
});

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} rows, {latencyMs} ms server latency per upsert, emulator at {emulator.BaseUri}"));
Console.WriteLine("scenario                       rows/s   errors  profiles  max writes  429s  503s  managed MB");

if (scenarios.Contains(1)) Run("clean, 5 in flight", 5, faults: false);
if (scenarios.Contains(2)) Run("burst: 10x503 + 10x429", 5, faults: true);
if (scenarios.Contains(3)) Run("9 in flight (licence allows 5)", 9, faults: false);

void Run(string name, int inFlight, bool faults)
{
    emulator.Admin.Reset();
    emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0 });
    // A request takes the first live fault that matches it, so the status faults go first: the first
    // 20 attempts are refused back to back (a short outage), the rest are slowed.
    if (faults)
    {
        emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 503, Method = "POST", PathContains = "/profile", Count = 10 });
        emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 429, Method = "POST", PathContains = "/profile", Count = 10 });
    }
    if (latencyMs > 0)
        emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, Method = "POST", PathContains = "/profile", LatencyMs = latencyMs, Count = rows * 3 });

    var host = new CountingHost();
    var options = new ActitoConnectionOptions(); // the shipped retry policy
    var request = new ConnectRequest("MyEntity") { BaseUri = emulator.BaseUri, MaxConcurrentRequests = inFlight, CallsPerMinute = 0, ReadEnvironment = _ => "local-dev-key" };
    using var connection = ConnectOperation.Run(request, host, CancellationToken.None, options);

    GC.Collect();
    var before = GC.GetTotalMemory(true);
    var watch = Stopwatch.StartNew();
    using (var operation = new SetProfileOperation(connection, "MyWebsiteProfiles", null, host, null, CancellationToken.None))
    {
        for (var i = 0; i < rows; i++)
        {
            operation.Process(new OrderedDictionary
            {
                ["customerId"] = (100000 + i).ToString(CultureInfo.InvariantCulture),
                ["emailAddress"] = $"load{i}@example.be",
                ["lastName"] = "Load",
                ["nbChildren"] = "2",
            });
        }
        operation.Complete();
    }
    watch.Stop();
    var managedMb = (GC.GetTotalMemory(false) - before) / 1024.0 / 1024.0;

    var profiles = emulator.Admin.GetProfiles("MyEntity", "MyWebsiteProfiles");
    var log = emulator.Admin.GetRequestLog();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-30} {rows / watch.Elapsed.TotalSeconds,6:0}   {host.Errors,6}  {profiles.Count,8}  {profiles.Max(p => p.WriteCount),10}  {log.Count(e => e.Status == 429),4}  {log.Count(e => e.Status == 503),4}  {managedMb,10:0.0}"));
}

sealed class CountingHost : IActitoHost
{
    public int Outputs;
    public int Errors;
    public void WriteObject(object output) => Outputs++;
    public void WriteError(ActitoError error) { Errors++; Console.Error.WriteLine(error.Exception.Message); }
    public void WriteWarning(string message) => Console.Error.WriteLine("WARNING: " + message);
    public void WriteVerbose(string message) { }
    public void WriteProgress(ActitoProgress progress) { }
    public bool ShouldProcess(string target, string action) => true;
}
