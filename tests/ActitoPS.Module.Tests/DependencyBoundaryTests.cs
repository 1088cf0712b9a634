using System.Xml.Linq;

namespace ActitoPS.Module.Tests;

/// <summary>
/// The split DESIGN.md rests on: the engine (ActitoPS.Core) never touches PowerShell, so xunit can run all
/// of it; the cmdlets compile against PowerShell 5.1's reference surface, so one DLL loads in both editions.
/// </summary>
public class DependencyBoundaryTests
{
    /// <summary>What ActitoPS.Core may reference besides the framework facades below.</summary>
    private static readonly HashSet<string> CoreLibraries = new(StringComparer.Ordinal) { "netstandard", "Newtonsoft.Json", "CsvHelper" };

    [Fact]
    public void ActitoPS_Core_references_no_PowerShell_and_only_its_declared_libraries()
    {
        var references = ModuleMetadata.CoreAssembly.GetReferencedAssemblies().Select(r => r.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("System.Management.Automation", StringComparison.Ordinal) || r.StartsWith("Microsoft.PowerShell", StringComparison.Ordinal));
        var others = references.Where(r => !CoreLibraries.Contains(r) && !r.StartsWith("System.", StringComparison.Ordinal)).ToList();
        Assert.True(others.Count == 0, $"ActitoPS.Core references [{string.Join(", ", others)}]: every library it loads must also load in Windows PowerShell 5.1 and PowerShell 7 alike.");
    }

    [Fact]
    public void ActitoPS_Core_binds_Newtonsoft_Json_13_the_version_PowerShell_7_already_loads()
    {
        // PowerShell 7 loads its own Newtonsoft.Json 13.x first; a reference to another assembly version would not bind.
        var newtonsoft = ModuleMetadata.CoreAssembly.GetReferencedAssemblies().SingleOrDefault(r => r.Name == "Newtonsoft.Json");

        Assert.NotNull(newtonsoft);
        Assert.Equal(new Version(13, 0, 0, 0), newtonsoft!.Version);
    }

    [Fact]
    public void The_cmdlets_compile_against_the_PowerShell_5_1_reference_assembly()
    {
        var automation = ModuleMetadata.CmdletAssembly.GetReferencedAssemblies().SingleOrDefault(r => r.Name == "System.Management.Automation");

        Assert.NotNull(automation);
        // PowerShellStandard.Library 5.1 is System.Management.Automation 3.0.0.0, which both editions satisfy;
        // PowerShell 7's SDK would reference 7.x, which Windows PowerShell cannot load.
        Assert.Equal(new Version(3, 0, 0, 0), automation!.Version);
    }

    [Fact]
    public void ActitoPS_csproj_keeps_PowerShellStandard_private_so_it_never_ships()
    {
        var project = XDocument.Load(Repo.PathOf("src", "ActitoPS", "ActitoPS.csproj"));
        var reference = project.Descendants("PackageReference").SingleOrDefault(r => (string?)r.Attribute("Include") == "PowerShellStandard.Library");

        Assert.NotNull(reference);
        Assert.Equal("5.1.1", (string?)reference!.Attribute("Version") ?? reference.Element("Version")?.Value);
        var privateAssets = (string?)reference.Attribute("PrivateAssets") ?? reference.Element("PrivateAssets")?.Value;
        Assert.Equal("all", privateAssets, ignoreCase: true);
    }

    [Fact]
    public void ActitoPS_Core_csproj_has_no_PowerShell_package()
    {
        var project = XDocument.Load(Repo.PathOf("src", "ActitoPS.Core", "ActitoPS.Core.csproj"));
        var packages = project.Descendants("PackageReference").Select(r => (string?)r.Attribute("Include") ?? string.Empty).ToList();

        Assert.DoesNotContain(packages, p => p.Contains("PowerShell", StringComparison.OrdinalIgnoreCase) || p.Contains("System.Management.Automation", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_cmdlet_assembly_names_no_dependency_that_loads_from_the_Dependencies_folder()
    {
        // PowerShell reflects over the cmdlet classes before the module's resolver is registered: a parameter,
        // base class or attribute of a type from CsvHelper (or what it pulls in) would fail Import-Module.
        var shippedApart = new[] { "CsvHelper", "Microsoft.Bcl.AsyncInterfaces", "Microsoft.Bcl.HashCode", "System.Memory", "System.Buffers", "System.Runtime.CompilerServices.Unsafe" };

        var references = ModuleMetadata.CmdletAssembly.GetReferencedAssemblies().Select(r => r.Name!).ToList();

        Assert.Empty(references.Intersect(shippedApart, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ActitoPS.Connection.ActitoEnvironment", "ActitoPS.Core.Connection.ActitoEnvironment")]
    [InlineData("ActitoPS.Connection.ActitoProfileApi", "ActitoPS.Core.Connection.ActitoProfileApi")]
    [InlineData("ActitoPS.MassImports.EtlMode", "ActitoPS.Core.MassImports.EtlMode")]
    public void The_parameter_enums_of_the_cmdlet_assembly_name_Cores_members_one_for_one(string cmdletEnum, string coreEnum)
    {
        // Cmdlet parameters are typed by ActitoPS.dll so that listing the cmdlets loads no Core; values cross by name.
        var parameter = ModuleMetadata.CmdletAssembly.GetType(cmdletEnum, throwOnError: true)!;
        var core = ModuleMetadata.CoreAssembly.GetType(coreEnum, throwOnError: true)!;

        Assert.Equal(core.GetEnumNames(), parameter.GetEnumNames());
    }

    [Fact]
    public void No_cmdlet_parameter_is_typed_by_an_enum_or_struct_of_Core()
    {
        var offending = ModuleMetadata.CmdletAssembly.GetTypes()
            .Where(t => t.IsSubclassOf(ModuleMetadata.CmdletAssembly.GetType("ActitoPS.Hosting.ActitoCmdlet")!))
            .SelectMany(t => t.GetProperties().Select(p => (Cmdlet: t.Name, Property: p)))
            .Where(c => c.Property.PropertyType.IsValueType && c.Property.PropertyType.Assembly.GetName().Name == "ActitoPS.Core")
            .Select(c => $"{c.Cmdlet}.{c.Property.Name}: {c.Property.PropertyType.FullName}")
            .ToList();

        Assert.True(offending.Count == 0, "Core value types lay out the cmdlet classes before the resolver runs: " + string.Join(", ", offending));
    }
}
