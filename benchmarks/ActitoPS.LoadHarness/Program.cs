using System.Collections.Specialized;
using System.Diagnostics;
using System.Globalization;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Profiles;
using ActitoPS.Emulator;

// Usage: dotnet run -c Release --project benchmarks/ActitoPS.LoadHarness -- [rows] [latencyMs] [scenarios, e.g. 1,3]
//        dotnet run -c Release --project benchmarks/ActitoPS.LoadHarness -- speedup [rows=500] [latencyMs=50]
// Scenarios 1-3 run Set-ActitoProfile's engine three ways (clean, with injected 503/429, with a client that
// allows more in flight than the licence) and print rows/s and what the emulator applied.
// Scenario 4 ("speedup", or 4 in the scenario list: `-- 500 50 4`) upserts the rows twice with the latency
// on every upsert and the licence's 5-concurrent limit in force, once with 5 in flight and once with 1, and
// prints the speed-up and the efficiency of the concurrent run against rows x latency / 5; it is not in
// the default list (it takes about half a minute) and the exit code is 1 when its target is not met.
var speedupOnly = args.Length > 0 && string.Equals(args[0], "speedup", StringComparison.OrdinalIgnoreCase);
var positional = speedupOnly ? args.Skip(1).ToArray() : args;
var rows = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : speedupOnly ? 500 : 2000;
var latencyMs = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : speedupOnly ? 50 : 20;
var scenarios = speedupOnly ? new HashSet<int> { 4 }
    : positional.Length > 2 ? positional[2].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToHashSet()
    : new HashSet<int> { 1, 2, 3 };

await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
{
    LicencePath = Path.Combine(AppContext.BaseDirectory, "samples", "licence.json"),
});

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} rows, {latencyMs} ms server latency per upsert, emulator at {emulator.BaseUri}"));
if (scenarios.Overlaps(new[] { 1, 2, 3 }))
    Console.WriteLine("scenario                       rows/s   errors  profiles  max writes  429s  503s  managed MB");

if (scenarios.Contains(1)) Run("clean, 5 in flight", 5, faults: false);
if (scenarios.Contains(2)) Run("burst: 10x503 + 10x429", 5, faults: true);
if (scenarios.Contains(3)) Run("9 in flight (licence allows 5)", 9, faults: false);
if (scenarios.Contains(4) && !Speedup()) Environment.ExitCode = 1;

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

// Scenario 4: what 5 in flight buys over one at a time when every upsert takes latencyMs on the server.
// Ideal concurrent time = rows x latency / 5; target: at least 90% of it, no 429, every row landed once.
// "server ms/POST" is the emulator's mean time per upsert (the injected latency plus its own work);
// "wall ms/row/slot" is elapsed x in flight / rows: what each upsert cost as the client saw it.
bool Speedup()
{
    const int concurrency = 5;
    const double target = 0.90;
    // Not counted: JIT, the first connections and the first token, so that neither measured run pays them.
    var warmUp = Upsert(Math.Min(rows, 50), concurrency, firstCustomerId: 9_000_000);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"warm-up (not counted): {warmUp.Rows} rows in {warmUp.Seconds:0.000} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"emulator limits: {emulator.Admin.Settings.MaxConcurrentRequests} concurrent (licence), calls/min off; client calls/min off"));
    Console.WriteLine("run                  in flight  elapsed s   rows/s  errors  profiles  max writes  slowed POSTs  429s  server ms/POST  wall ms/row/slot");

    var concurrent = Upsert(rows, concurrency, firstCustomerId: 1_000_000);
    Print("concurrent", concurrent);
    var sequential = Upsert(rows, 1, firstCustomerId: 2_000_000);
    Print("sequential", sequential);

    var idealSeconds = rows * (latencyMs / 1000.0) / concurrency;
    var speedup = sequential.Seconds / concurrent.Seconds;
    var efficiency = idealSeconds / concurrent.Seconds;
    var clean = concurrent.Errors == 0 && sequential.Errors == 0
        && concurrent.Profiles == rows && sequential.Profiles == rows
        && concurrent.MaxWrites == 1 && sequential.MaxWrites == 1;
    var met = efficiency >= target && concurrent.Refused == 0 && sequential.Refused == 0 && clean;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"speed-up (sequential / concurrent): {speedup:0.00}x (ideal {concurrency}x)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ideal concurrent time: {rows} x {latencyMs} ms / {concurrency} = {idealSeconds:0.000} s; efficiency: {efficiency:0.0%} (target {target:0%})"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"target (>= {target:0%} of ideal, no 429, no errors, every row once): {(met ? "MET" : "NOT MET")}"));
    return met;

    void Print(string name, UpsertRun run) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-20} {run.InFlight,9}  {run.Seconds,9:0.000}  {run.Rows / run.Seconds,7:0.0}  {run.Errors,6}  {run.Profiles,8}  {run.MaxWrites,10}  {run.Slowed,12}  {run.Refused,4}  {run.ServerMsPerPost,14:0.00}  {run.Seconds * 1000 * run.InFlight / run.Rows,16:0.00}"));
}

UpsertRun Upsert(int count, int inFlight, int firstCustomerId)
{
    emulator.Admin.Reset(); // back to the licence: 5 concurrent, its calls/min, no faults, empty log and tables
    emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0 });
    emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, Method = "POST", PathContains = "/profile", LatencyMs = latencyMs, Count = count * 10 });

    var host = new CountingHost();
    var request = new ConnectRequest("MyEntity") { BaseUri = emulator.BaseUri, MaxConcurrentRequests = inFlight, CallsPerMinute = 0, ReadEnvironment = _ => "local-dev-key" };
    using var connection = ConnectOperation.Run(request, host, CancellationToken.None, new ActitoConnectionOptions());

    var watch = Stopwatch.StartNew();
    using (var operation = new SetProfileOperation(connection, "MyWebsiteProfiles", null, host, null, CancellationToken.None))
    {
        for (var i = 0; i < count; i++)
        {
            var customerId = (firstCustomerId + i).ToString(CultureInfo.InvariantCulture);
            operation.Process(new OrderedDictionary
            {
                ["customerId"] = customerId,
                ["emailAddress"] = "speedup" + customerId + "@example.be",
                ["lastName"] = "Load",
                ["nbChildren"] = "2",
            });
        }
        operation.Complete();
    }
    watch.Stop();

    var profiles = emulator.Admin.GetProfiles("MyEntity", "MyWebsiteProfiles");
    var log = emulator.Admin.GetRequestLog();
    return new UpsertRun(count, inFlight, watch.Elapsed.TotalSeconds, host.Errors, profiles.Count,
        profiles.Count == 0 ? 0 : profiles.Max(p => p.WriteCount),
        log.Count(e => e.Fault != null && e.Fault.StartsWith("latency", StringComparison.Ordinal)),
        log.Count(e => e.Status == 429),
        log.Where(e => e.Method == "POST" && e.Path.Contains("/profile", StringComparison.OrdinalIgnoreCase)).Select(e => e.DurationMs).DefaultIfEmpty(0).Average());
}

sealed record UpsertRun(int Rows, int InFlight, double Seconds, int Errors, int Profiles, int MaxWrites, int Slowed, int Refused, double ServerMsPerPost);

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
