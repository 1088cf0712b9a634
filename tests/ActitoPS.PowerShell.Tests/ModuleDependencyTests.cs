using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// What the module ships and whether it loads on both editions: every assembly with its version, and every
/// reference of each answered by a shipped file (the resolver takes the same or a newer version) or by what
/// PowerShell 7.2+ or .NET Framework 4.7.2 (Windows PowerShell 5.1) provide; on PowerShell 7, which of them the
/// module's private load context holds. (AssemblyConflictTests: the module beside another CsvHelper.)
/// </summary>
public sealed class ModuleDependencyTests
{
    /// <summary>The module's files, as published. A dependency update changes this list on purpose.</summary>
    private static readonly (string File, string Version)[] Shipped =
    [
        // In the root, not in Dependencies: PowerShell loads it while listing the cmdlets (Hosting/PrivateLoadContext.cs).
        ("ActitoPS.dll", "0.2.0.0"),
        ("Dependencies/ActitoPS.Core.dll", "0.2.0.0"),
        ("Dependencies/CsvHelper.dll", "33.0.0.0"),
        ("Dependencies/Microsoft.Bcl.AsyncInterfaces.dll", "8.0.0.0"),
        ("Dependencies/Microsoft.Bcl.HashCode.dll", "1.0.0.0"),
        ("Dependencies/Microsoft.CSharp.dll", "4.0.5.0"),
        ("Dependencies/System.Buffers.dll", "4.0.2.0"),
        // References System.Runtime.CompilerServices.Unsafe 4.0.4.0: the resolver answers it with 4.0.4.1 below.
        ("Dependencies/System.Memory.dll", "4.0.1.0"),
        ("Dependencies/System.Numerics.Vectors.dll", "4.1.3.0"),
        ("Dependencies/System.Runtime.CompilerServices.Unsafe.dll", "4.0.4.1"),
        ("Dependencies/System.Threading.Tasks.Extensions.dll", "4.2.0.1"),
        ("Newtonsoft.Json.dll", "13.0.0.0"),
    ];

    /// <summary>What .NET Framework 4.7.2 answers itself (its GAC and netstandard facades), as far as these assemblies ask.</summary>
    private static readonly Dictionary<string, Version> NetFramework472 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mscorlib"] = new(4, 0, 0, 0),
        ["System.Runtime"] = new(4, 0, 0, 0),
        ["netstandard"] = new(2, 0, 0, 0),
        ["System"] = new(4, 0, 0, 0),
        ["System.Core"] = new(4, 0, 0, 0),
        ["System.Data"] = new(4, 0, 0, 0),
        ["System.Xml"] = new(4, 0, 0, 0),
        ["System.Xml.Linq"] = new(4, 0, 0, 0),
        ["System.Numerics"] = new(4, 0, 0, 0),
        ["System.Runtime.Serialization"] = new(4, 0, 0, 0),
        ["System.Dynamic.Runtime"] = new(4, 0, 0, 0),
        // Windows PowerShell 5.1's engine: PowerShellStandard's reference is 3.0.0.0.
        ["System.Management.Automation"] = new(3, 0, 0, 0),
    };

    private static string ModuleFolder => ModuleSession.ModuleDirectory;

    private static IEnumerable<string> ShippedFiles() =>
        Directory.EnumerateFiles(ModuleFolder, "*.dll", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ModuleFolder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void The_module_ships_exactly_these_assemblies_at_these_versions_with_dependencies_apart()
    {
        var actual = ShippedFiles().Select(f => (f, AssemblyName.GetAssemblyName(Path.Combine(ModuleFolder, f)).Version!.ToString())).ToList();

        Assert.True(Shipped.OrderBy(s => s.File, StringComparer.Ordinal).SequenceEqual(actual), string.Join(Environment.NewLine, actual));
    }

    [Fact]
    public void Every_reference_of_every_shipped_assembly_resolves_on_Windows_PowerShell_5_1_and_on_PowerShell_7()
    {
        var shipped = ShippedFiles().ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => AssemblyName.GetAssemblyName(Path.Combine(ModuleFolder, f)), StringComparer.OrdinalIgnoreCase);
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var problems = new List<string>();

        foreach (var file in ShippedFiles())
        {
            foreach (var reference in References(Path.Combine(ModuleFolder, file)))
            {
                var fromShipped = shipped.TryGetValue(reference.Name!, out var candidate) && Accepts(reference, candidate);
                var fromFramework = NetFramework472.TryGetValue(reference.Name!, out var framework) && reference.Version! <= framework;
                var runtimeFile = Path.Combine(runtime, reference.Name + ".dll");
                var fromRuntime = (File.Exists(runtimeFile) && AssemblyName.GetAssemblyName(runtimeFile).Version! >= reference.Version!)
                                  || reference.Name!.StartsWith("System.Management.Automation", StringComparison.Ordinal);
                if (!fromShipped && !fromFramework) problems.Add($"{file} → {reference}: neither shipped (same or newer) nor in .NET Framework 4.7.2");
                if (!fromShipped && !fromRuntime) problems.Add($"{file} → {reference}: neither shipped (same or newer) nor in the .NET runtime of PowerShell 7");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_reference_to_an_older_Unsafe_than_the_shipped_one_is_answered_from_Dependencies_and_a_newer_one_is_not()
    {
        using var session = ModuleSession.Start();
        var folder = Rows.Quote(Path.Combine(ModuleFolder, "Dependencies"));

        var older = session.Run($"[ActitoPS.Hosting.DependencyResolver]::Find('System.Runtime.CompilerServices.Unsafe, Version=4.0.4.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a', {folder})").AssertClean().Text;
        var newer = session.Run($"[ActitoPS.Hosting.DependencyResolver]::Find('System.Runtime.CompilerServices.Unsafe, Version=99.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a', {folder})").AssertClean().Text;
        var unknown = session.Run($"[ActitoPS.Hosting.DependencyResolver]::Find('Not.Shipped, Version=1.0.0.0', {folder})").AssertClean().Text;

        Assert.Equal([Path.Combine(ModuleFolder, "Dependencies", "System.Runtime.CompilerServices.Unsafe.dll")], older);
        Assert.Empty(newer);
        Assert.Empty(unknown);
    }

    [Fact]
    public void On_PowerShell_7_the_private_load_context_holds_Core_CsvHelper_and_its_polyfills_and_leaves_the_runtimes_own_assemblies_to_it()
    {
        using var session = ModuleSession.Start();

        var held = session.Run("""
            $name = [ActitoPS.Hosting.DependencyResolver]::LoadContextName
            $name
            foreach ($context in [System.Runtime.Loader.AssemblyLoadContext]::All) {
                if ($context.Name -eq $name) { foreach ($assembly in $context.Assemblies) { $assembly.GetName().Name } }
            }
            """).AssertClean().Text;

        Assert.Equal("ActitoPS", held[0]);
        // System.Memory, System.Buffers, Unsafe, Microsoft.CSharp and the rest ship with .NET itself, newer.
        Assert.Equal(["ActitoPS.Core", "CsvHelper", "Microsoft.Bcl.AsyncInterfaces", "Microsoft.Bcl.HashCode"], held.Skip(1).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ActitoPS.Core, Version=0.2.0.0, Culture=neutral, PublicKeyToken=null", "Dependencies/ActitoPS.Core.dll")]
    [InlineData("CsvHelper, Version=33.0.0.0, Culture=neutral, PublicKeyToken=8c4959082be5c823", "Dependencies/CsvHelper.dll")]
    [InlineData("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "Dependencies/System.Runtime.CompilerServices.Unsafe.dll")]
    // Core's reference from Dependencies to the root: probing beside Core does not find it on .NET Framework.
    [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", "Newtonsoft.Json.dll")]
    public void Windows_PowerShell_5_1s_handler_finds_each_reference_in_Dependencies_then_in_the_root(string requested, string expected)
    {
        using var session = ModuleSession.Start();

        var found = session.Run($"[ActitoPS.Hosting.DependencyResolver]::Locate({Rows.Quote(requested)})").AssertClean().Text;

        Assert.Equal([Path.Combine(ModuleFolder, expected)], found);
    }

    [Theory]
    [InlineData("CsvHelper, Version=33.0.0.0, Culture=neutral, PublicKeyToken=8c4959082be5c823", "CsvHelper, Version=33.0.0.0, Culture=neutral, PublicKeyToken=8c4959082be5c823", true)]
    [InlineData("System.Memory, Version=4.0.1.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", true)]
    [InlineData("System.Memory, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", false)]
    [InlineData("System.Memory, Version=4.0.1.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", false)]
    [InlineData("System.Buffers, Version=4.0.3.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "System.Memory, Version=4.0.3.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", false)]
    [InlineData("csvhelper", "CsvHelper, Version=33.0.0.0, Culture=neutral, PublicKeyToken=8c4959082be5c823", true)]
    [InlineData("CsvHelper, Version=30.0.0.0", "CsvHelper, Version=33.0.0.0, Culture=neutral, PublicKeyToken=8c4959082be5c823", true)]
    public void The_resolver_accepts_the_same_name_and_token_at_the_same_or_a_newer_version_only(string requested, string shipped, bool accepted)
    {
        using var session = ModuleSession.Start();

        var answer = session.Run($"[ActitoPS.Hosting.DependencyResolver]::Accepts([System.Reflection.AssemblyName]{Rows.Quote(requested)}, [System.Reflection.AssemblyName]{Rows.Quote(shipped)})").AssertClean();

        Assert.Equal(accepted, (bool)answer.Output.Single().BaseObject);
    }

    private static bool Accepts(AssemblyName requested, AssemblyName shipped) =>
        string.Equals(requested.Name, shipped.Name, StringComparison.OrdinalIgnoreCase) && (requested.Version == null || shipped.Version >= requested.Version);

    private static IEnumerable<AssemblyName> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h).GetAssemblyName())];
    }
}
