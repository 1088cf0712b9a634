using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Text.Json;
using ActitoPS.Emulator;
using PS = System.Management.Automation.PowerShell;

// Usage: dotnet run -c Release --project benchmarks/ActitoPS.CmdletBench -- [rows=1000000]
//          runs every measurement below, each in a fresh process of this program (a process's peak working set
//          only ever grows, so sizes cannot share one), and prints the table and the verdicts.
//        dotnet run -c Release --project benchmarks/ActitoPS.CmdletBench -- generate|bind|cmdlet <rows>
//          one measurement in this process; prints a RESULT line (JSON) after its own summary.
// Every mode runs in PowerShell 7.6's engine (Microsoft.PowerShell.SDK), with the built module imported from the
// folder this project's build publishes (bin/.../module/ActitoPS, as tests/ActitoPS.PowerShell.Tests does),
// connected with Connect-Actito to the emulator started in this process (samples/licence.json, calls per minute
// off), and the same rows: 12 string properties of MyWebsiteProfiles, built as [pscustomobject] in the engine.
// generate: the rows piped to Out-Null: what making them costs in the engine.
// bind:     the rows piped to Skip-BenchRow, a binary cmdlet declared here with Start-ActitoEtl's parameters and
//           parameter sets and an empty body: what the engine spends binding each row to that cmdlet.
// cmdlet:   the rows piped to Start-ActitoEtl -Table MyWebsiteProfiles -OutFile <tmp>.csv.gz.
var mode = args.Length > 0 && !char.IsDigit(args[0][0]) ? args[0].ToLowerInvariant() : "all";
var rowArg = mode == "all" ? args.FirstOrDefault() : args.Skip(1).FirstOrDefault();
var rows = rowArg != null ? int.Parse(rowArg, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 1_000_000;

switch (mode)
{
    case "all":
        return Driver.Run(rows);
    case "generate":
    case "bind":
    case "cmdlet":
        var result = Bench.Measure(mode, rows);
        Console.WriteLine(result.Summary());
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': all (default), generate, bind or cmdlet");
        return 2;
}

/// <summary>What one measurement gives. Seconds are wall-clock; allocations are the whole process's managed ones.</summary>
sealed record Result(
    string Mode,
    int Rows,
    int WarmUpRows,
    double ColdRowsPerSecond,
    double Seconds,
    double CpuSeconds,
    long AllocatedBytes,
    long PeakWorkingSet,
    long WorkingSetBefore,
    long HeapBefore,
    long HeapAfter,
    long GcCommittedAtEnd,
    long Gen2AtEnd,
    long CompressedBytes,
    long CsvBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    string LoadAverage)
{
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Mode,-8} {Rows,9:N0} rows (after {WarmUpRows:N0} warm-up rows; first warm-up run {ColdRowsPerSecond:N0} rows/s): {Seconds,7:0.000} s = {Rows / Seconds,7:N0} rows/s, "
        + $"CPU {CpuSeconds:0.000} s, {(double)AllocatedBytes / Rows:0} B/row allocated, peak WS {Driver.Mb(PeakWorkingSet):0.0} MB (before {Driver.Mb(WorkingSetBefore):0.0}), "
        + $"managed heap after a full collection {Driver.Mb(HeapBefore):0.0} MB before, {Driver.Mb(HeapAfter):0.0} MB after, "
        + $"at the end (before it) GC committed {Driver.Mb(GcCommittedAtEnd):0.0} MB, gen 2 {Driver.Mb(Gen2AtEnd):0.0} MB, "
        + $"GCs {Gen0}/{Gen1}/{Gen2}, load average {LoadAverage}") + (CompressedBytes > 0 ? string.Create(CultureInfo.InvariantCulture, $", CSV {Driver.Mb(CsvBytes):0.0} MB -> {Driver.Mb(CompressedBytes):0.00} MB") : string.Empty);
}

/// <summary>
/// Start-ActitoEtl's parameters and parameter sets as declared in src/ActitoPS/MassImports/StartActitoEtlCommand.cs (the
/// pipeline ones exactly: -InputObject by value in the three input sets, -Path/-FullName by property name in the three
/// path sets; types of the module's own reduced to strings), with a body that does nothing: what the engine spends
/// binding each row to that parameter surface, before any of the cmdlet's code runs. Keep it in step with the cmdlet.
/// </summary>
[Cmdlet("Skip", "BenchRow", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ProfileInput)]
public sealed class SkipBenchRowCommand : PSCmdlet
{
    private const string ProfileInput = "ProfileTableInput";
    private const string ProfilePath = "ProfileTablePath";
    private const string CustomInput = "CustomTableInput";
    private const string CustomPath = "CustomTablePath";
    private const string EtlInput = "EtlInput";
    private const string EtlPath = "EtlPath";
    private const string EtlFiles = "EtlFiles";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProfileInput)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProfilePath)]
    [ValidateNotNullOrEmpty]
    public string Table { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = CustomInput)]
    [Parameter(Mandatory = true, ParameterSetName = CustomPath)]
    [ValidateNotNullOrEmpty]
    public string CustomTable { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = EtlInput)]
    [Parameter(Mandatory = true, ParameterSetName = EtlPath)]
    [Parameter(Mandatory = true, ParameterSetName = EtlFiles)]
    [ValidateNotNullOrEmpty]
    public string EtlId { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ProfileInput)]
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = CustomInput)]
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = EtlInput)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ProfilePath)]
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = CustomPath)]
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EtlPath)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = EtlFiles)]
    [ValidateNotNull]
    public System.Collections.Hashtable? File { get; set; }

    [Parameter(ParameterSetName = ProfileInput)]
    [Parameter(ParameterSetName = ProfilePath)]
    [Parameter(ParameterSetName = CustomInput)]
    [Parameter(ParameterSetName = CustomPath)]
    public string Mode { get; set; } = "CreateOrUpdate";

    [Parameter(ParameterSetName = ProfileInput)]
    [Parameter(ParameterSetName = ProfilePath)]
    [Parameter(ParameterSetName = CustomInput)]
    [Parameter(ParameterSetName = CustomPath)]
    [ValidateNotNull]
    public System.Collections.Hashtable? Mapping { get; set; }

    [Parameter(ParameterSetName = ProfileInput)]
    [Parameter(ParameterSetName = ProfilePath)]
    [Parameter(ParameterSetName = CustomInput)]
    [Parameter(ParameterSetName = CustomPath)]
    [ValidateNotNullOrEmpty]
    public string[]? ReportRecipient { get; set; }

    [Parameter(ParameterSetName = ProfileInput)]
    [Parameter(ParameterSetName = ProfilePath)]
    [Parameter(ParameterSetName = CustomInput)]
    [Parameter(ParameterSetName = CustomPath)]
    public SwitchParameter ResultFile { get; set; }

    [Parameter(ParameterSetName = ProfileInput)]
    [Parameter(ParameterSetName = ProfilePath)]
    [Parameter(ParameterSetName = CustomInput)]
    [Parameter(ParameterSetName = CustomPath)]
    public char Separator { get; set; } = ',';

    [Parameter(ParameterSetName = ProfileInput)]
    [Parameter(ParameterSetName = ProfilePath)]
    [Parameter(ParameterSetName = CustomInput)]
    [Parameter(ParameterSetName = CustomPath)]
    public SwitchParameter IgnoreEmptyValues { get; set; }

    [Parameter(ParameterSetName = ProfileInput)]
    [Parameter(ParameterSetName = ProfilePath)]
    [Parameter(ParameterSetName = CustomInput)]
    [Parameter(ParameterSetName = CustomPath)]
    [Parameter(ParameterSetName = EtlInput)]
    [Parameter(ParameterSetName = EtlPath)]
    [ValidateSet("Gzip", "Zip")]
    public string Compression { get; set; } = "Gzip";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    [Parameter(ParameterSetName = ProfileInput)]
    [Parameter(ParameterSetName = CustomInput)]
    [Parameter(ParameterSetName = EtlInput)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Property { get; set; }

    [Parameter(ParameterSetName = ProfileInput)]
    [Parameter(ParameterSetName = CustomInput)]
    [Parameter(ParameterSetName = EtlInput)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? ExcludeProperty { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Timeout { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public object? Connection { get; set; }

    protected override void ProcessRecord()
    {
    }
}

static class Bench
{
    private const int WarmUpRunRows = 20_000;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The rows, made in the engine as a script makes them: [pscustomobject] with 12 string properties, as Import-Csv
    /// gives them. Every name is a field of MyWebsiteProfiles in samples/licence.json (its 11 attributes and its
    /// Newsletter subscription); every value passes Start-ActitoEtl's checks. Some names have accents and other
    /// non-ASCII letters, some localities a comma or quotes. Seeded: the same rows in every process.
    /// </summary>
    private const string Generator = """
        $script:BenchFirst = 'Emma','Lucas','Zoë','Noah','Anaïs','Louis','Chloé','Jérôme','Olivia','Łukasz','Mila','Arthur','Liam','Héloïse'
        $script:BenchLast = 'Peeters','Janssens','Maes','Dubois','Lefèvre','Van den Broeck','Müller','Çelik','Wouters','Nguyễn','Goossens','Lambert','Søndergaard','Claes','Dupont'
        $script:BenchDomains = 'example.be','mail.example.com','example.fr','example.nl'
        $script:BenchCountries = 'BE','BE','BE','BE','FR','NL','LU','DE'
        $script:BenchLanguages = 'FR','NL','FR','NL','EN','DE'
        $script:BenchLocalities = 'Bruxelles','Ixelles, Bruxelles','Gent','Antwerpen','Liège','Namur','Leuven','Mons','Le "Vieux" Quartier, Namur','Brugge','Wavre'
        $script:BenchSex = 'M','F'
        $script:BenchYesNo = 'true','false'
        $born = [datetime]::new(1940, 1, 1)
        $script:BenchDates = [string[]]::new(25000)
        for ($d = 0; $d -lt 25000; $d++) { $script:BenchDates[$d] = $born.AddDays($d).ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) }

        function New-BenchRow([int] $Count) {
            $random = [System.Random]::new(20261202)
            for ($i = 0; $i -lt $Count; $i++) {
                $a = $random.Next()
                [pscustomobject]@{
                    customerId = [string](10000000000 + $i)
                    emailAddress = 'customer' + $i + '@' + $script:BenchDomains[$a % 4]
                    firstName = $script:BenchFirst[($a -shr 3) % 14]
                    lastName = $script:BenchLast[($a -shr 7) % 15]
                    birthDate = $script:BenchDates[($a -shr 5) % 25000]
                    sex = $script:BenchSex[($a -shr 11) % 2]
                    motherLanguage = $script:BenchLanguages[($a -shr 12) % 6]
                    addressLocality = $script:BenchLocalities[($a -shr 15) % 11]
                    addressCountry = $script:BenchCountries[($a -shr 19) % 8]
                    gsmNumber = '+32475' + ($a % 1000000).ToString('D6', [cultureinfo]::InvariantCulture)
                    nbChildren = [string](($a -shr 22) % 5)
                    'subscriptions#Newsletter' = $script:BenchYesNo[($a -shr 25) % 2]
                }
            }
        }
        """;

    public static Result Measure(string mode, int rows)
    {
        var work = Path.Combine(Path.GetTempPath(), "actitops-cmdlet-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var emulator = EmulatorServer.StartAsync(new EmulatorOptions { LicencePath = Path.Combine(AppContext.BaseDirectory, "samples", "licence.json") }).GetAwaiter().GetResult();
        try
        {
            emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0 });
            var manifest = Path.Combine(AppContext.BaseDirectory, "module", "ActitoPS", "ActitoPS.psd1");
            if (!File.Exists(manifest)) throw new FileNotFoundException($"No module at {manifest}: this project's build publishes it there.");

            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("Skip-BenchRow", typeof(SkipBenchRowCommand), null));
            using var runspace = RunspaceFactory.CreateRunspace(state);
            // One pipeline thread for every script, as an interactive session has.
            runspace.ThreadOptions = PSThreadOptions.ReuseThread;
            runspace.Open();
            Run(runspace, $"Import-Module -Name '{manifest}' -ErrorAction Stop");
            var baseUri = emulator.BaseUri.ToString().TrimEnd('/');
            Run(runspace, $"$null = Connect-Actito -Entity MyEntity -BaseUri {baseUri} -ApiKey (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force) -CallsPerMinute 0");
            Run(runspace, Generator);

            var pipeline = mode switch
            {
                "generate" => "New-BenchRow -Count $BenchRows | Out-Null",
                "bind" => "New-BenchRow -Count $BenchRows | Skip-BenchRow -Table MyWebsiteProfiles -OutFile $BenchOut",
                _ => "New-BenchRow -Count $BenchRows | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile $BenchOut",
            };

            // Not counted: the engine's compilation of the script, the JIT and tiering of the engine and the module. Runs of
            // 20,000 rows (fewer when the whole measurement is smaller) for at least 3 s, as EtlWriterBench warms up.
            var warmUpRows = 0;
            var coldRate = 0.0;
            var warmWatch = Stopwatch.StartNew();
            for (var run = 0; run < 2 || warmWatch.Elapsed < WarmUpTime; run++)
            {
                var count = Math.Min(rows, WarmUpRunRows);
                var warmOut = Path.Combine(work, $"warmup{run}.csv.gz");
                var one = Stopwatch.StartNew();
                Run(runspace, pipeline, count, warmOut);
                if (run == 0) coldRate = count / one.Elapsed.TotalSeconds;
                if (File.Exists(warmOut)) File.Delete(warmOut);
                warmUpRows += count;
            }

            var outFile = Path.Combine(work, "MyWebsiteProfiles.csv.gz");
            var load = LoadAverage();
            ProcessMemory.Settle();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var before = ProcessMemory.WorkingSet();
            var gc0 = GC.CollectionCount(0);
            var gc1 = GC.CollectionCount(1);
            var gc2 = GC.CollectionCount(2);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var output = Run(runspace, pipeline, rows, outFile);
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var counts = (GC.CollectionCount(0) - gc0, GC.CollectionCount(1) - gc1, GC.CollectionCount(2) - gc2);
            var peak = ProcessMemory.PeakWorkingSet();
            // Where a working set that rises with the rows sits: memory the GC holds (gen 2 waiting for its next collection), or not.
            var gcInfo = GC.GetGCMemoryInfo(GCKind.Any);
            var committedAtEnd = gcInfo.TotalCommittedBytes;
            var gen2AtEnd = gcInfo.GenerationInfo[2].SizeAfterBytes;
            // What the run left reachable (the output object aside): flat means nothing per row is kept.
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

            // Untimed checks: the cmdlet wrote one file with every row, and said so.
            long compressed = 0, csvBytes = 0;
            if (mode == "cmdlet")
            {
                var file = output.Count == 1 ? output[0] : throw new InvalidOperationException($"Start-ActitoEtl -OutFile wrote {output.Count} objects; expected one file.");
                if (Convert.ToInt64(file.Properties["Rows"].Value, CultureInfo.InvariantCulture) != rows)
                    throw new InvalidOperationException($"The file object says {file.Properties["Rows"].Value} rows for {rows}.");
                var (bytes, lines) = MeasureCsv(outFile);
                if (lines != rows + 1) throw new InvalidOperationException($"{lines} lines in {outFile} for {rows} rows and a header.");
                (compressed, csvBytes) = (new FileInfo(outFile).Length, bytes);
            }
            else if (output.Count != 0)
            {
                throw new InvalidOperationException($"{mode}: {output.Count} objects came out of a pipeline that drops them.");
            }

            Run(runspace, "Disconnect-Actito");
            return new Result(mode, rows, warmUpRows, coldRate, watch.Elapsed.TotalSeconds, cpu.TotalSeconds, allocated, peak, before, heapBefore, heapAfter, committedAtEnd, gen2AtEnd, compressed, csvBytes,
                counts.Item1, counts.Item2, counts.Item3, load);
        }
        finally
        {
            emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(work, recursive: true);
            var parent = Path.GetDirectoryName(work)!;
            try
            {
                if (!Directory.EnumerateFileSystemEntries(parent).Any()) Directory.Delete(parent);
            }
            catch (IOException)
            {
                // Another run's folder appeared in the meantime: it deletes the parent itself.
            }
        }
    }

    /// <summary>Runs script text in the runspace; any error, terminating or not, ends the benchmark.</summary>
    private static List<PSObject> Run(Runspace runspace, string script, int? rows = null, string? outFile = null)
    {
        using var shell = PS.Create();
        shell.Runspace = runspace;
        if (rows.HasValue) runspace.SessionStateProxy.SetVariable("BenchRows", rows.Value);
        if (outFile != null) runspace.SessionStateProxy.SetVariable("BenchOut", outFile);
        shell.AddScript(script);
        var output = shell.Invoke().ToList();
        if (shell.Streams.Error.Count > 0)
            throw new InvalidOperationException($"The script '{script}' wrote {shell.Streams.Error.Count} error(s); the first: {shell.Streams.Error[0]}");
        return output;
    }

    private static (long Bytes, long Lines) MeasureCsv(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return (bytes, lines);
    }

    /// <summary>The machine's 1, 5 and 15-minute load averages (Linux), to read the figures by: other work shares the cores.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }

}

/// <summary>Runs each measurement in a fresh process and prints the figures, the cmdlet's own share, and the memory verdict.</summary>
static class Driver
{
    private const double PeakTargetMb = 100;

    /// <summary>How much the cmdlet's share may rise from the small run to the full one and still count as flat: working sets of runs in separate processes differ by a few MB.</summary>
    private const double GrowthToleranceMb = 10;

    public static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    public static int Run(int rows)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Start-ActitoEtl through the engine, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {rows:N0} rows; one process per measurement"));
        var small = Math.Max(1, rows / 5);
        var generateSmall = Child("generate", small);
        var generate = Child("generate", rows);
        var bind = Child("bind", rows);
        var cmdletSmall = Child("cmdlet", small);
        var cmdlet = Child("cmdlet", rows);

        Console.WriteLine();
        Console.WriteLine("| run | rows | s | rows/s | CPU s | B/row allocated | peak WS MB | WS before MB | GC committed at end MB | heap before / after MB | GCs 0/1/2 | load average |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in new[] { generateSmall, generate, bind, cmdletSmall, cmdlet }) Console.WriteLine(Row(r));

        var own = cmdlet.Seconds - generate.Seconds;
        var pastBinding = cmdlet.Seconds - bind.Seconds;
        var growth = Mb(cmdlet.PeakWorkingSet) - Mb(cmdletSmall.PeakWorkingSet);
        var engineGrowth = Mb(generate.PeakWorkingSet) - Mb(generateSmall.PeakWorkingSet);
        // Within one process: how far the timed part raised the working set. Processes start 5-15 MB apart, so the
        // cmdlet's share is its rise less the rise of making the same rows alone, not the difference of the peaks.
        var added = Rise(cmdlet) - Rise(generate);
        var addedSmall = Rise(cmdletSmall) - Rise(generateSmall);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cmdlet's own cost (cmdlet - generate): {own:0.000} s = {rows / own:N0} rows/s; CPU {cmdlet.CpuSeconds - generate.CpuSeconds:0.000} s = {(cmdlet.CpuSeconds - generate.CpuSeconds) * 1e6 / rows:0.0} us/row; {(double)(cmdlet.AllocatedBytes - generate.AllocatedBytes) / rows:0} B/row"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  of which the engine binding each row (bind - generate): {bind.Seconds - generate.Seconds:0.000} s, CPU {bind.CpuSeconds - generate.CpuSeconds:0.000} s, {(double)(bind.AllocatedBytes - generate.AllocatedBytes) / rows:0} B/row; "
            + $"Start-ActitoEtl past binding (cmdlet - bind): {pastBinding:0.000} s = {rows / pastBinding:N0} rows/s, CPU {cmdlet.CpuSeconds - bind.CpuSeconds:0.000} s, {(double)(cmdlet.AllocatedBytes - bind.AllocatedBytes) / rows:0} B/row"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"file: CSV {cmdlet.CsvBytes:N0} bytes, compressed {cmdlet.CompressedBytes:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set, {small:N0} -> {rows:N0} rows: cmdlet {Mb(cmdletSmall.PeakWorkingSet):0.0} -> {Mb(cmdlet.PeakWorkingSet):0.0} MB ({Signed(growth)}), "
            + $"rows | Out-Null {Mb(generateSmall.PeakWorkingSet):0.0} -> {Mb(generate.PeakWorkingSet):0.0} MB ({Signed(engineGrowth)})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rise of the working set during the timed part (peak - before): cmdlet {Rise(cmdletSmall):0.0} -> {Rise(cmdlet):0.0} MB, rows | Out-Null {Rise(generateSmall):0.0} -> {Rise(generate):0.0} MB; the cmdlet's share {Signed(addedSmall)} -> {Signed(added)} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed heap left after a full collection: cmdlet {Signed(Mb(cmdletSmall.HeapAfter - cmdletSmall.HeapBefore))} MB at {small:N0} rows, {Signed(Mb(cmdlet.HeapAfter - cmdlet.HeapBefore))} MB at {rows:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory target (< {PeakTargetMb:0} MB at {rows:N0} rows, flat): the whole process (engine, module, emulator) {(Mb(cmdlet.PeakWorkingSet) < PeakTargetMb ? "is under" : "is OVER")}; "
            + $"what the cmdlet adds to it {(Math.Max(added, addedSmall) < PeakTargetMb ? "is under" : "is OVER")}, and it {(added - addedSmall < GrowthToleranceMb ? "does not grow" : "GROWS")} with the rows ({Signed(addedSmall)} -> {Signed(added)} MB)"));
        return 0;
    }

    private static string Signed(double mb) => Math.Round(mb, 1).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    private static double Rise(Result r) => Mb(r.PeakWorkingSet) - Mb(r.WorkingSetBefore);

    private static string Row(Result r) => string.Create(CultureInfo.InvariantCulture,
        $"| {Label(r)} | {r.Rows:N0} | {r.Seconds:0.000} | {r.Rows / r.Seconds:N0} | {r.CpuSeconds:0.0} | {(double)r.AllocatedBytes / r.Rows:0} | {Mb(r.PeakWorkingSet):0.0} | {Mb(r.WorkingSetBefore):0.0} | {Mb(r.GcCommittedAtEnd):0.0} | {Mb(r.HeapBefore):0.0} / {Mb(r.HeapAfter):0.0} | {r.Gen0}/{r.Gen1}/{r.Gen2} | {r.LoadAverage} |");

    private static string Label(Result r) => r.Mode switch
    {
        "generate" => "rows | Out-Null",
        "bind" => "rows | Skip-BenchRow (Start-ActitoEtl's parameters, empty body)",
        _ => "rows | Start-ActitoEtl -OutFile",
    };

    private static Result Child(string mode, int rows) => ChildRun.Run<Result>(mode, rows);
}
