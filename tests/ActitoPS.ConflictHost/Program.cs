// A fresh PowerShell 7.6 session in a process of its own, for AssemblyConflictTests: a loaded assembly stays for
// the life of its process, so "another CsvHelper was there first" cannot be staged in the test process.
//
//   dotnet ActitoPS.ConflictHost.dll --module <ActitoPS.psd1> --base-uri <emulator> --out <file.csv.gz> [--preload <dll>]
//
// With --preload, `Add-Type -Path <dll>` runs before Import-Module, as a session that used another module first.
// Prints one line per fact, tab-separated, for the test to read:
//   loaded  <assembly name> <version> <load context> <path>   every CsvHelper, ActitoPS and ActitoPS.Core loaded
//   binds   <assembly name> <version> <load context> <path>   the CsvHelper ActitoPS.Core's own fields are typed with
//   wrote   <path>                                             the file Start-ActitoEtl -OutFile reported
//   error   <text>                                             anything the script failed with (exit code 1)
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.Loader;
using PS = System.Management.Automation.PowerShell;

var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
foreach (var file in new[] { "module", "out", "preload" })
{
    if (options.TryGetValue(file, out var relative)) options[file] = Path.GetFullPath(relative);
}
foreach (var required in new[] { "module", "base-uri", "out" })
{
    if (!options.ContainsKey(required))
    {
        Console.Error.WriteLine($"usage: --module <psd1> --base-uri <uri> --out <file> [--preload <dll>] (missing --{required})");
        return 2;
    }
}

// Fixed rows: text, a value with a comma and a double quote, integers, dates, a date and time, a column only one row has.
const string Script = """
    $ErrorActionPreference = 'Stop'
    if ($Preload) { Add-Type -Path $Preload }
    Import-Module -Name $ModulePath
    Connect-Actito -Entity MyEntity -BaseUri $BaseUri -ApiKey (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force) -CallsPerMinute 0 | Out-Null
    @(
        [pscustomobject]@{ customerId = 910001; emailAddress = 'ada@example.com'; lastName = 'Lovelace'; firstName = 'Ada'; birthDate = [datetime]::new(1815, 12, 10); nbChildren = 3 }
        [pscustomobject]@{ customerId = 910002; emailAddress = 'obrien@example.com'; lastName = 'O"Brien, Jr.'; firstName = 'Conan'; birthDate = [datetime]::new(1963, 4, 18); nbChildren = 0 }
        [pscustomobject]@{ customerId = 910003; emailAddress = 'grace@example.com'; lastName = 'Hopper'; firstName = 'Grace'; birthDate = [datetime]::new(1906, 12, 9); nbChildren = [long]2; addressLocality = [datetime]::new(2024, 12, 31, 23, 59, 58) }
    ) | Start-ActitoEtl -Table MyWebsiteProfiles -OutFile $OutFile
    """;

var exitCode = 0;
var state = InitialSessionState.CreateDefault2();
using (var runspace = RunspaceFactory.CreateRunspace(state))
{
    runspace.Open();
    runspace.SessionStateProxy.SetVariable("ModulePath", options["module"]);
    runspace.SessionStateProxy.SetVariable("BaseUri", options["base-uri"]);
    runspace.SessionStateProxy.SetVariable("OutFile", options["out"]);
    runspace.SessionStateProxy.SetVariable("Preload", options.GetValueOrDefault("preload"));
    using var shell = PS.Create();
    shell.Runspace = runspace;
    shell.AddScript(Script);
    try
    {
        foreach (var item in shell.Invoke())
        {
            if (item?.Properties["Path"]?.Value is string path) Console.WriteLine($"wrote\t{path}");
        }
        foreach (var error in shell.Streams.Error)
        {
            Console.WriteLine($"error\t{Line(error.ToString())}");
            exitCode = 1;
        }
    }
    catch (Exception failed)
    {
        // A stopped script wraps what failed; the inner error is the one worth reading.
        var reason = failed is RuntimeException { ErrorRecord.Exception: { } inner } && inner != failed ? inner : failed;
        Console.WriteLine($"error\t{Line(reason.ToString())}");
        exitCode = 1;
    }
}

foreach (var context in AssemblyLoadContext.All)
{
    foreach (var assembly in context.Assemblies)
    {
        var name = assembly.GetName();
        if (name.Name is "CsvHelper" or "ActitoPS" or "ActitoPS.Core")
            Console.WriteLine($"loaded\t{name.Name}\t{name.Version}\t{ContextName(context)}\t{assembly.Location}");
    }
}

// The CsvHelper the runtime bound for ActitoPS.Core: the type of a Core field declared as a CsvHelper type (the
// ETL writer keeps its CsvWriter in one), resolved through Core's own references as its code runs.
var core = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "ActitoPS.Core");
try
{
    var bound = core?.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
        .Select(f => f.FieldType)
        .FirstOrDefault(t => t.Namespace == "CsvHelper")?.Assembly;
    if (bound != null)
        Console.WriteLine($"binds\t{bound.GetName().Name}\t{bound.GetName().Version}\t{ContextName(AssemblyLoadContext.GetLoadContext(bound))}\t{bound.Location}");
}
catch (Exception unbound)
{
    Console.WriteLine($"error\tActitoPS.Core binds no CsvHelper: {Line(unbound.Message)}");
    exitCode = 1;
}
return exitCode;

static string ContextName(AssemblyLoadContext? context) =>
    context == null ? "(none)" : context == AssemblyLoadContext.Default ? "Default" : context.Name ?? context.GetType().FullName!;

static string Line(string text) => text.ReplaceLineEndings(" | ");
