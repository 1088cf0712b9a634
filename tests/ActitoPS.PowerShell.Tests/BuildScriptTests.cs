using System.IO.Compression;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// build.ps1 and tests/pester as a new user runs them: a real pwsh 7.6.9 (Harness/RealPowerShell.cs) in a copy of
/// the repository, with both output streams redirected, as `pwsh ./build.ps1 ... 2>&amp;1 | tee log` has them.
/// The copy keeps the developer's own out/ folder out of it. In the in-engine collection: these runs build with
/// dotnet on both cores, which would slow the timed in-engine tests beside them.
/// </summary>
[Collection(InEngineCollection.Name)]
public sealed class BuildScriptTests(BuildScriptTests.RepositoryCopy repository, EmulatorFixture emulator)
    : IClassFixture<BuildScriptTests.RepositoryCopy>, IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(6);

    /// <summary>The repository's sources copied to a temporary folder, and `build.ps1 -Task Build,Docs,Package` run there once.</summary>
    public sealed class RepositoryCopy : IDisposable
    {
        private static readonly string[] Skipped = ["bin", "obj", "out", "TestResults", ".git"];
        private readonly Lazy<Task<(ChildRun Run, IReadOnlyList<string> Files)>> _package;
        private readonly string _work = Path.Combine(Path.GetTempPath(), "actitops-build-" + Guid.NewGuid().ToString("N"));

        public RepositoryCopy()
        {
            Root = Path.Combine(_work, "ActitoPS");
            foreach (var file in Directory.GetFiles(Repository.Root)) CopyFile(file, Path.Combine(Root, Path.GetFileName(file)));
            foreach (var folder in new[] { "src", "samples", "docs", Path.Combine("tests", "pester") })
            {
                CopyTree(Path.Combine(Repository.Root, folder), Path.Combine(Root, folder));
            }
            _package = new(async () =>
            {
                var run = await RealPowerShell.RunAsync("pwsh ./build.ps1 -Task Build,Docs,Package", ["./build.ps1", "-Task", "Build,Docs,Package"], Root, BuildLimit);
                // Listed now: a later Build (the quick start's) publishes again, debug symbols included.
                var files = Directory.Exists(ModuleDirectory)
                    ? Directory.GetFiles(ModuleDirectory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(ModuleDirectory, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
                    : [];
                return (run, files);
            });
        }

        public string Root { get; }

        public string ModuleDirectory => Path.Combine(Root, "out", "ActitoPS", Repository.ModuleVersion);

        /// <summary>The Build,Docs,Package run and the module folder's files right after it.</summary>
        public Task<(ChildRun Run, IReadOnlyList<string> Files)> Package() => _package.Value;

        private static void CopyTree(string from, string to)
        {
            foreach (var file in Directory.GetFiles(from)) CopyFile(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (var folder in Directory.GetDirectories(from).Where(d => !Skipped.Contains(Path.GetFileName(d))))
            {
                CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)));
            }
        }

        private static void CopyFile(string from, string to)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }

        public void Dispose()
        {
            if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task Build_Docs_Package_leaves_the_Gallery_layout_the_Automation_zip_and_a_log_without_CLIXML()
    {
        var (run, files) = await repository.Package();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("CLIXML", run.Output + run.ErrorOutput);
        // Write-Host and warnings reach the redirected streams as text.
        Assert.Contains($"==> Build: dotnet publish src/ActitoPS (Release) into {repository.ModuleDirectory}", run.Output);
        Assert.Contains($"Test-ModuleManifest: ActitoPS {Repository.ModuleVersion}, 26 cmdlets", run.Output);

        foreach (var required in new[] { "ActitoPS.psd1", "ActitoPS.dll", "ActitoPS.format.ps1xml", "Newtonsoft.Json.dll", "Dependencies/ActitoPS.Core.dll", "Dependencies/CsvHelper.dll" })
        {
            Assert.Contains(required, files);
        }
        Assert.DoesNotContain(files, f => f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
        using var zip = ZipFile.OpenRead(Path.Combine(repository.Root, "out", "ActitoPS.zip"));
        // Azure Automation: one folder named as the module, '/' in every entry name, the module folder's files exactly.
        Assert.Equal(files.Select(f => "ActitoPS/" + f), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_Pester_tests_pass_in_pwsh_against_the_built_module()
    {
        var (package, _) = await repository.Package();
        Assert.True(package.ExitCode == 0, package.ToString());
        var expected = Directory.GetFiles(Path.Combine(repository.Root, "tests", "pester"), "*.Tests.ps1")
            .Sum(f => Regex.Matches(File.ReadAllText(f), @"^\s*It\s+'", RegexOptions.Multiline).Count);

        var run = await RealPowerShell.RunAsync("Invoke-Pester -Path ./tests/pester", ["-Command", $$"""
            Import-Module -Name {{Rows.Quote(RealPowerShell.PesterManifest)}} -ErrorAction Stop
            $result = Invoke-Pester -Path ./tests/pester -Output Detailed -PassThru
            "PESTER passed={0} failed={1}" -f $result.PassedCount, $result.FailedCount
            exit $result.FailedCount
            """], repository.Root, BuildLimit);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"PESTER passed={expected} failed=0", run.Output);
    }

    [Fact]
    public async Task After_Add_Type_of_another_CsvHelper_the_module_imports_and_Start_ActitoEtl_writes_the_bytes_of_a_clean_session()
    {
        var (package, _) = await repository.Package();
        Assert.True(package.ExitCode == 0, package.ToString());
        var script = Path.Combine(repository.Root, "out", "conflict.ps1");
        // Keep this script ASCII.
        File.WriteAllText(script, $$"""
            param([string] $Preload, [string] $OutFile)
            $ErrorActionPreference = 'Stop'
            if ($Preload) { Add-Type -Path $Preload }
            Import-Module -Name {{Rows.Quote(Path.Combine(repository.ModuleDirectory, "ActitoPS.psd1"))}}
            Connect-Actito -Entity MyEntity -BaseUri {{emulator.BaseUri}} -ApiKey (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force) -CallsPerMinute 0 | Out-Null
            Import-Csv -Path samples/profiles.csv -Encoding UTF8 | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile $OutFile | Out-Null
            foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
                if ($assembly.GetName().Name -eq 'CsvHelper') {
                    'CsvHelper {0} {1}' -f $assembly.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name
                }
            }
            """);
        var clean = Path.Combine(repository.Root, "out", "clean.csv.gz");
        var conflicted = Path.Combine(repository.Root, "out", "conflicted.csv.gz");

        var runs = await Task.WhenAll(
            RealPowerShell.RunAsync("a clean session", ["-File", script, "-OutFile", clean], repository.Root, BuildLimit),
            RealPowerShell.RunAsync("a session with CsvHelper 30", ["-File", script, "-Preload", AssemblyConflictTests.OtherCsvHelper, "-OutFile", conflicted], repository.Root, BuildLimit));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Equal(["CsvHelper 33.0.0.0 ActitoPS"], Lines(runs[0].Output));
        Assert.Equal(["CsvHelper 30.0.0.0 Default", "CsvHelper 33.0.0.0 ActitoPS"], Lines(runs[1].Output).Order(StringComparer.Ordinal));
        Assert.True(new FileInfo(clean).Length > 100, "The clean session wrote almost nothing.");
        Assert.Equal(File.ReadAllBytes(clean), File.ReadAllBytes(conflicted));
    }

    [Fact]
    public async Task The_quick_start_runs_as_pwsh_build_ps1_runs_it_and_stops_its_emulator()
    {
        var (package, _) = await repository.Package();
        Assert.True(package.ExitCode == 0, package.ToString());
        Assert.False(Answers(5080), "Something already listens on 127.0.0.1:5080, the quick start's port.");

        var run = await RealPowerShell.RunAsync("pwsh ./build.ps1", ["./build.ps1"], repository.Root, BuildLimit);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("CLIXML", run.Output + run.ErrorOutput);
        Assert.Contains("PS> Import-Csv -Path samples/profiles.csv -Encoding UTF8 | Set-ActitoProfile -Table MyWebsiteProfiles | Format-Table", run.Output);
        Assert.Matches(@"The emulator now holds 8 profiles in MyWebsiteProfiles; customerId 10001 is profile \d+:", run.Output);
        Assert.False(Answers(5080), "The quick start left its emulator running.");
    }

    private static IEnumerable<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Answers(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
