using System.IO.Compression;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// The module beside another module's CsvHelper: a fresh PowerShell 7.6 process (tests/ActitoPS.ConflictHost) that
/// first runs `Add-Type -Path` on CsvHelper 30 (assembly version 30.0.0.0), then imports ActitoPS and writes a bulk
/// file with Start-ActitoEtl -OutFile, must write the bytes a clean session writes, with CsvHelper 33 from the
/// module's private load context. A process of its own: an assembly, once loaded, stays for the process's life.
/// </summary>
public sealed class AssemblyConflictTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly TimeSpan HostLimit = TimeSpan.FromSeconds(60);

    private readonly string _work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "actitops-conflict-tests", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>The host as the build left it (the test project's LocateConflictHost target writes its path).</summary>
    internal static string HostPath
    {
        get
        {
            var pointer = Path.Combine(AppContext.BaseDirectory, "conflict-host.path");
            Assert.True(File.Exists(pointer), $"No {pointer}: the test project's build writes it.");
            var path = File.ReadAllText(pointer).Trim();
            Assert.True(File.Exists(path), $"No conflict host at {path}: the test project references tests/ActitoPS.ConflictHost, so its build builds it.");
            return path;
        }
    }

    internal static string OtherCsvHelper => Path.Combine(Path.GetDirectoryName(HostPath)!, "csvhelper-30", "CsvHelper.dll");

    [Fact]
    public async Task After_another_CsvHelper_was_loaded_the_module_imports_writes_the_same_bytes_and_uses_its_own_CsvHelper()
    {
        var cleanFile = Path.Combine(_work, "clean.csv.gz");
        var conflictedFile = Path.Combine(_work, "conflicted.csv.gz");

        // Two processes at once: each is a second or two of PowerShell start-up.
        var runs = await Task.WhenAll(RunHost(cleanFile, preload: null), RunHost(conflictedFile, preload: OtherCsvHelper));
        var (clean, conflicted) = (runs[0], runs[1]);

        clean.AssertSucceeded(cleanFile);
        conflicted.AssertSucceeded(conflictedFile);

        // The clean session: one CsvHelper, the module's, in its own context.
        var cleanCsv = Assert.Single(clean.Loaded("CsvHelper"));
        Assert.Equal(("33.0.0.0", "ActitoPS"), (cleanCsv.Version, cleanCsv.Context));

        // The conflicted one: the other module's CsvHelper 30 in the default context, where Add-Type put it, and
        // ActitoPS.Core bound to the module's 33 from Dependencies all the same.
        var loaded = conflicted.Loaded("CsvHelper").OrderBy(a => a.Version, StringComparer.Ordinal).ToList();
        Assert.Equal(2, loaded.Count);
        Assert.Equal(("30.0.0.0", "Default", OtherCsvHelper), (loaded[0].Version, loaded[0].Context, loaded[0].Path));
        Assert.Equal(("33.0.0.0", "ActitoPS"), (loaded[1].Version, loaded[1].Context));
        Assert.Equal(Path.Combine(ModuleSession.ModuleDirectory, "Dependencies", "CsvHelper.dll"), loaded[1].Path);
        foreach (var run in runs)
        {
            var bound = Assert.Single(run.Facts("binds"));
            Assert.Equal(("CsvHelper", "33.0.0.0", "ActitoPS"), (bound[0], bound[1], bound[2]));

            // One ActitoPS.Core, in the module's own context, so the cmdlets and the engine share its types.
            var core = Assert.Single(run.Loaded("ActitoPS.Core"));
            Assert.Equal((Path.Combine(ModuleSession.ModuleDirectory, "Dependencies", "ActitoPS.Core.dll"), "ActitoPS"), (core.Path, core.Context));
        }

        Assert.Equal(File.ReadAllBytes(cleanFile), File.ReadAllBytes(conflictedFile));
        Assert.Equal(
            "customerId,emailAddress,lastName,firstName,birthDate,nbChildren,addressLocality\r\n" +
            "910001,ada@example.com,Lovelace,Ada,1815-12-10,3,\r\n" +
            "910002,obrien@example.com,\"O\"\"Brien, Jr.\",Conan,1963-04-18,0,\r\n" +
            "910003,grace@example.com,Hopper,Grace,1906-12-09,2,2024-12-31 23:59:58\r\n",
            Gunzip(conflictedFile));
    }

    private async Task<HostRun> RunHost(string outFile, string? preload)
    {
        List<string> arguments = [HostPath, "--module", ModuleSession.ManifestPath, "--base-uri", emulator.BaseUri, "--out", outFile];
        if (preload != null) arguments.AddRange(["--preload", preload]);
        return new HostRun(await ChildProcess.RunAsync($"The conflict host (--preload {preload ?? "none"})", ChildProcess.Dotnet, arguments, HostLimit));
    }

    private static string Gunzip(string path)
    {
        using var text = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        return text.ReadToEnd();
    }

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    /// <summary>What one host process printed: tab-separated facts (see tests/ActitoPS.ConflictHost/Program.cs).</summary>
    private sealed record HostRun(ChildRun Run)
    {
        public IEnumerable<string[]> Facts(string kind) =>
            Run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('\t'))
                .Where(fields => fields[0] == kind)
                .Select(fields => fields[1..]);

        /// <summary>Every assembly of that name the process holds: version, load context, path.</summary>
        public IEnumerable<(string Version, string Context, string Path)> Loaded(string name) =>
            Facts("loaded").Where(f => f[0] == name).Select(f => (f[1], f[2], f[3]));

        public void AssertSucceeded(string outFile)
        {
            var why = Run.ToString();
            Assert.True(Run.ExitCode == 0, why);
            Assert.True(!Facts("error").Any(), why);
            Assert.Equal([outFile], Facts("wrote").Select(f => f[0]));
        }
    }
}
