using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using ActitoPS.Core.MassImports;
using ActitoPS.Core.Records;

// Usage: dotnet run -c Release --project benchmarks/ActitoPS.EtlWriterBench -- [rows=1000000]
//          runs every measurement below, each in a fresh process of this program (a process's peak working set
//          only ever grows, so sizes cannot share one), and prints the table and the verdicts.
//        dotnet run -c Release --project benchmarks/ActitoPS.EtlWriterBench -- writer|plain|union|limit <rows>
//          one measurement in this process; prints a RESULT line (JSON) after its own summary.
// writer: EtlFileWriter, gzip, default options, realistic 12-field profile rows built on the fly.
// plain:  the same without compression (what formatting the CSV costs on its own).
// union:  as writer, but row 500,000 (the middle row for other counts) brings a 13th column: the writer rewrites.
// limit:  the writer's own uncompressed CSV, rendered once into memory (untimed), pushed through GZipStream at
//         CompressionLevel.Optimal to a file: what gzip alone costs for the same bytes.
// Every mode writes into a spool folder under the system temp that it deletes at the end.
var mode = args.Length > 0 && !char.IsDigit(args[0][0]) ? args[0].ToLowerInvariant() : "all";
var rowArg = mode == "all" ? args.FirstOrDefault() : args.Skip(1).FirstOrDefault();
var rows = rowArg != null ? int.Parse(rowArg, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 1_000_000;

switch (mode)
{
    case "all":
        return Driver.Run(rows);
    case "writer":
    case "plain":
    case "union":
    case "limit":
        var result = mode == "limit" ? Bench.Limit(rows) : Bench.Writer(mode, rows);
        Console.WriteLine(result.Summary());
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': all (default), writer, plain, union or limit");
        return 2;
}

/// <summary>What one measurement gives. Seconds are wall-clock; bytes are managed allocations unless named otherwise.</summary>
sealed record Result(
    string Mode,
    int Rows,
    int WarmUpRows,
    double Seconds,
    double CompleteSeconds,
    double BuildSeconds,
    long AllocatedBytes,
    long BuildAllocatedBytes,
    long PeakWorkingSet,
    long WorkingSetBefore,
    long CompressedBytes,
    long CsvBytes,
    int Parts,
    int Gen0,
    int Gen1,
    int Gen2)
{
    /// <summary>The writer's own time: the timed loop less building the same records alone.</summary>
    public double WriterSeconds => Mode == "limit" ? Seconds : Seconds - BuildSeconds;

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Mode,-6} {Rows,9:N0} rows (after {WarmUpRows:N0} warm-up rows): {Seconds,7:0.000} s ({Rows / Seconds,9:N0} rows/s; writer alone {WriterSeconds:0.000} s = {Rows / WriterSeconds:N0} rows/s), "
        + $"complete {CompleteSeconds:0.000} s, {(double)AllocatedBytes / Rows:0} B/row allocated (building {(double)BuildAllocatedBytes / Rows:0}), "
        + $"peak WS {Driver.Mb(PeakWorkingSet):0.0} MB (before {Driver.Mb(WorkingSetBefore):0.0}), CSV {Driver.Mb(CsvBytes):0.0} MB -> {Driver.Mb(CompressedBytes):0.00} MB in {Parts} part(s), GCs {Gen0}/{Gen1}/{Gen2}");
}

static class Bench
{
    private const int WarmUpFileRows = 50_000;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(3);

    public static Result Writer(string mode, int rows)
    {
        var compression = mode == "plain" ? EtlCompression.None : EtlCompression.Gzip;
        var lateRow = mode == "union" ? Math.Min(500_000, (rows + 1) / 2) : 0;
        var spool = NewSpool();
        try
        {
            // Not counted: JIT and tiering (tier 0, instrumented, tier 1) of the writer, CsvHelper, the compressor and the
            // record builder. 20,000 rows were not enough: the rate still rose with the row count (see the README).
            var warmUpRows = WarmUp(spool, compression, union: mode == "union");

            ProcessMemory.Settle();
            var before = ProcessMemory.WorkingSet();
            var gc0 = GC.CollectionCount(0);
            var gc1 = GC.CollectionCount(1);
            var gc2 = GC.CollectionCount(2);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var writer = new EtlFileWriter(Options(spool, "bench", compression));
            for (var i = 0; i < rows; i++) writer.Add(Profiles.Build(i, late: i + 1 == lateRow), i + 1);
            var beforeComplete = watch.Elapsed;
            var parts = writer.Complete();
            writer.Dispose();
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            var counts = (GC.CollectionCount(0) - gc0, GC.CollectionCount(1) - gc1, GC.CollectionCount(2) - gc2);
            var peak = ProcessMemory.PeakWorkingSet();

            // Untimed checks: every row is in the file, and how big the CSV inside is.
            long csvBytes = 0, lines = 0;
            foreach (var part in parts) (csvBytes, lines) = Add((csvBytes, lines), Measure(part.Path));
            if (lines != rows + parts.Count || parts.Sum(p => p.Rows) != rows)
                throw new InvalidOperationException($"{lines} lines in {parts.Count} part(s) for {rows} rows.");
            if (mode == "union" && parts.Any(p => p.Header.Count != 13)) throw new InvalidOperationException("The union header is missing the late column.");

            // Building the same records alone, for the writer's own share of the time and the allocations.
            ProcessMemory.Settle();
            var buildAllocated = GC.GetAllocatedBytesForCurrentThread();
            var build = Stopwatch.StartNew();
            var sink = 0;
            for (var i = 0; i < rows; i++) sink += Profiles.Build(i, late: i + 1 == lateRow).Count;
            build.Stop();
            buildAllocated = GC.GetAllocatedBytesForCurrentThread() - buildAllocated;
            if (sink < rows) throw new InvalidOperationException("unreachable");

            writer.DeleteSpool();
            return new Result(mode, rows, warmUpRows, watch.Elapsed.TotalSeconds, (watch.Elapsed - beforeComplete).TotalSeconds, build.Elapsed.TotalSeconds,
                allocated, buildAllocated, peak, before, parts.Sum(p => p.Bytes), csvBytes, parts.Count, counts.Item1, counts.Item2, counts.Item3);
        }
        finally
        {
            DeleteSpool(spool);
        }
    }

    public static Result Limit(int rows)
    {
        var spool = NewSpool();
        try
        {
            // The very bytes the writer produces, rendered once by the writer itself without compression (untimed).
            var plain = WriteRows(spool, "render", rows, EtlCompression.None, lateRow: 0, delete: false);
            var csv = File.ReadAllBytes(plain);
            File.Delete(plain);
            if (csv.Count(b => b == (byte)'\n') != rows + 1) throw new InvalidOperationException("The rendered CSV does not hold every row.");

            Gzip(csv.AsSpan(0, Math.Min(csv.Length, 4 << 20)), Path.Combine(spool, "warmup.csv.gz")); // not counted: JIT, zlib's first use

            ProcessMemory.Settle();
            var before = ProcessMemory.WorkingSet();
            var gc0 = GC.CollectionCount(0);
            var gc1 = GC.CollectionCount(1);
            var gc2 = GC.CollectionCount(2);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var target = Path.Combine(spool, "limit.csv.gz");
            var watch = Stopwatch.StartNew();
            Gzip(csv, target);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            var peak = ProcessMemory.PeakWorkingSet();
            return new Result("limit", rows, 0, watch.Elapsed.TotalSeconds, 0, 0, allocated, 0, peak, before, new FileInfo(target).Length, csv.Length, 1,
                GC.CollectionCount(0) - gc0, GC.CollectionCount(1) - gc1, GC.CollectionCount(2) - gc2);
        }
        finally
        {
            DeleteSpool(spool);
        }
    }

    /// <summary>The same chain as the writer's part below its text writer: GZipStream(Optimal) → FileStream(64 KB buffer), fed 32 KB at a time.</summary>
    private static void Gzip(ReadOnlySpan<byte> csv, string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
        const int chunk = 32 * 1024;
        for (var offset = 0; offset < csv.Length; offset += chunk) gzip.Write(csv.Slice(offset, Math.Min(chunk, csv.Length - offset)));
    }

    /// <summary>
    /// Default options, except that an uncompressed file stays in one part: 1M rows of CSV pass the 99 MB a part may
    /// hold, and the limit needs the whole CSV as the gzip run sees it (one header); for the plain run one part is
    /// what makes it comparable. A gzip file of these rows is about 31 MB, one part either way.
    /// </summary>
    private static EtlFileOptions Options(string spool, string name, EtlCompression compression)
    {
        var options = new EtlFileOptions { SpoolDirectory = spool, BaseName = name, Compression = compression };
        if (compression == EtlCompression.None) options.MaxPartBytes = long.MaxValue;
        return options;
    }

    private static int WarmUp(string spool, EtlCompression compression, bool union)
    {
        var watch = Stopwatch.StartNew();
        var rows = 0;
        for (var file = 0; file < 2 || watch.Elapsed < WarmUpTime; file++)
        {
            WriteRows(spool, "warmup", WarmUpFileRows, compression, lateRow: union ? WarmUpFileRows / 2 : 0, delete: true);
            rows += WarmUpFileRows;
        }
        return rows;
    }

    private static string WriteRows(string spool, string name, int count, EtlCompression compression, int lateRow, bool delete)
    {
        using var writer = new EtlFileWriter(Options(spool, name, compression));
        for (var i = 0; i < count; i++) writer.Add(Profiles.Build(i, late: i + 1 == lateRow), i + 1);
        var parts = writer.Complete();
        if (parts.Count != 1) throw new InvalidOperationException($"{parts.Count} parts for the {name} file.");
        if (delete) writer.DeleteSpool();
        return parts[0].Path;
    }

    private static (long Bytes, long Lines) Measure(string path)
    {
        using var stream = EtlFileReader.OpenCsv(path);
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return (bytes, lines);
    }

    private static (long, long) Add((long, long) a, (long, long) b) => (a.Item1 + b.Item1, a.Item2 + b.Item2);

    private static string NewSpool()
    {
        var spool = Path.Combine(Path.GetTempPath(), "actitops-etl-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(spool);
        return spool;
    }

    private static void DeleteSpool(string spool)
    {
        Directory.Delete(spool, recursive: true);
        var parent = Path.GetDirectoryName(spool)!;
        try
        {
            if (!Directory.EnumerateFileSystemEntries(parent).Any()) Directory.Delete(parent);
        }
        catch (IOException)
        {
            // Another run's spool appeared in the meantime: it deletes the folder itself.
        }
    }

}

/// <summary>
/// A realistic profile row, the same for the same index: 12 typed fields as a cmdlet would hand them to Core,
/// some names with accents and other non-ASCII letters, a note with a comma (1 row in 13) or quotes (1 in 29).
/// </summary>
static class Profiles
{
    private static readonly string[] FirstNames = ["Emma", "Lucas", "Zoë", "Noah", "Anaïs", "Louis", "Chloé", "Jérôme", "Olivia", "Łukasz", "Mila", "Arthur", "Liam", "Héloïse"];
    private static readonly string[] LastNames = ["Peeters", "Janssens", "Maes", "Dubois", "Lefèvre", "Van den Broeck", "Müller", "Çelik", "Wouters", "Nguyễn", "Goossens", "Lambert", "Søndergaard", "Claes", "Dupont"];
    private static readonly string[] Domains = ["example.be", "mail.example.com", "example.fr", "example.nl"];
    private static readonly string[] Countries = ["BE", "BE", "BE", "BE", "FR", "NL", "LU", "DE"];
    private static readonly string[] Notes = ["", "", "", "prefers e-mail", "VIP since 2019", "call after 18h", "moved in 2024", ""];
    private static readonly DateTime Born = new(1940, 1, 1);
    private static readonly DateTime Bought = new(2025, 1, 1);

    public static ActitoRecord Build(int i, bool late = false)
    {
        var a = Mix((uint)i);
        var b = Mix(a ^ 0x9E3779B9u);
        var record = new ActitoRecord();
        record.Add("customerId", 10_000_000_000L + i);
        record.Add("emailAddress", "customer" + i.ToString(CultureInfo.InvariantCulture) + "@" + Domains[a % Domains.Length]);
        record.Add("firstName", FirstNames[(a >> 4) % FirstNames.Length]);
        record.Add("lastName", LastNames[(a >> 9) % LastNames.Length]);
        record.Add("birthDate", Born.AddDays(b % 25_000));
        record.Add("lastPurchase", Bought.AddSeconds(1 + (b >> 3) % 60_000_000));
        record.Add("nbChildren", (int)((a >> 14) % 5));
        record.Add("totalSpent", (b % 2_000_000) / 100m);
        record.Add("optIn", (a & 0x10000) == 0);
        record.Add("gsmNumber", "+32475" + (b % 1_000_000).ToString("D6", CultureInfo.InvariantCulture));
        record.Add("country", Countries[(a >> 17) % Countries.Length]);
        record.Add("note", i % 13 == 0 ? "Brussels, Belgium" : i % 29 == 0 ? "said \"call me after 6\"" : Notes[(b >> 11) % Notes.Length]);
        if (late) record.Add("segment", "late joiner");
        return record;
    }

    private static uint Mix(uint x)
    {
        x *= 2654435761u;
        x ^= x >> 15;
        x *= 2246822519u;
        x ^= x >> 13;
        return x;
    }
}

/// <summary>Runs each measurement in a fresh process and prints the figures, the ratio to the gzip limit and the verdicts.</summary>
static class Driver
{
    private const double ThroughputTarget = 0.70;
    private const double PeakTargetMb = 100;

    public static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    public static int Run(int rows)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"EtlFileWriter benchmark, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {rows:N0} rows; one process per measurement"));
        var small = Math.Max(1, rows / 10);
        var medium = Math.Max(1, rows * 3 / 10);
        var writers = new[] { Child("writer", small), Child("writer", medium), Child("writer", rows) };
        var plain = Child("plain", rows);
        var limit = Child("limit", rows);
        var union = Child("union", rows);
        var full = writers[^1];

        Console.WriteLine();
        Console.WriteLine("| run | rows | s | rows/s | writer alone s | writer alone rows/s | B/row allocated (writer alone) | peak WS MB | compressed MB | GCs 0/1/2 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in writers.Append(plain).Append(union)) Console.WriteLine(Row(r));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| limit: gzip Optimal of the same {Mb(limit.CsvBytes):0.0} MB in memory | {limit.Rows:N0} | {limit.Seconds:0.000} | {limit.Rows / limit.Seconds:N0} | - | - | {(double)limit.AllocatedBytes / limit.Rows:0.0} | {Mb(limit.PeakWorkingSet):0.0} | {Mb(limit.CompressedBytes):0.00} | {limit.Gen0}/{limit.Gen1}/{limit.Gen2} |"));

        var ofLimit = limit.Seconds / full.WriterSeconds;
        var endToEnd = limit.Seconds / full.Seconds;
        var peakMb = Mb(full.PeakWorkingSet);
        var smallestMb = Mb(writers[0].PeakWorkingSet);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"limit: {Mb(limit.CsvBytes) / limit.Seconds:0.0} MB/s of CSV = {limit.Rows / limit.Seconds:N0} rows/s; writer (gzip, {full.Rows:N0} rows): {Mb(full.CsvBytes) / full.WriterSeconds:0.0} MB/s of CSV = {full.Rows / full.WriterSeconds:N0} rows/s alone, {full.Rows / full.Seconds:N0} rows/s with building the records"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"same CSV bytes: writer {full.CsvBytes:N0}, limit {limit.CsvBytes:N0}; compressed: writer {full.CompressedBytes:N0}, limit {limit.CompressedBytes:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"split: formatting alone (plain, writer alone) {plain.WriterSeconds:0.000} s + gzip alone (limit) {limit.Seconds:0.000} s = {plain.WriterSeconds + limit.Seconds:0.000} s; writer with gzip {full.WriterSeconds:0.000} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: writer alone {ofLimit:0.0%} of the limit, with record building {endToEnd:0.0%} (target >= {ThroughputTarget:0%}): {(ofLimit >= ThroughputTarget ? "MET" : "NOT MET")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set: {string.Join(", ", writers.Select(w => $"{w.Rows:N0} rows {Mb(w.PeakWorkingSet):0.0} MB"))} (target < {PeakTargetMb:0} MB at {rows:N0} and flat): {(peakMb < PeakTargetMb ? "MET" : "NOT MET")} / growth {peakMb - smallestMb:+0.0;-0.0} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"union header (row {Math.Min(500_000, (rows + 1) / 2):N0} brings a 13th column): {union.Seconds:0.000} s, of which Complete (the rewrite) {union.CompleteSeconds:0.000} s, {union.Seconds / full.Seconds:0.00}x the plain-header run; peak WS {Mb(union.PeakWorkingSet):0.0} MB"));
        return 0;
    }

    private static string Row(Result r) => string.Create(CultureInfo.InvariantCulture,
        $"| {Label(r)} | {r.Rows:N0} | {r.Seconds:0.000} | {r.Rows / r.Seconds:N0} | {r.WriterSeconds:0.000} | {r.Rows / r.WriterSeconds:N0} | {(double)r.AllocatedBytes / r.Rows:0} ({(double)(r.AllocatedBytes - r.BuildAllocatedBytes) / r.Rows:0}) | {Mb(r.PeakWorkingSet):0.0} | {Mb(r.CompressedBytes):0.00} | {r.Gen0}/{r.Gen1}/{r.Gen2} |");

    private static string Label(Result r) => r.Mode switch
    {
        "writer" => "writer, gzip",
        "plain" => "writer, no compression",
        "union" => "writer, gzip, union header",
        _ => r.Mode,
    };

    private static Result Child(string mode, int rows) => ChildRun.Run<Result>(mode, rows);
}
