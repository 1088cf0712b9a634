using System.Runtime.InteropServices;

namespace ActitoPS.Module.Tests.Infrastructure;

/// <summary>
/// ActitoPS.dll and ActitoPS.Core.dll read as metadata only. PowerShellStandard.Library's bodies
/// throw, so nothing here may execute module code: attributes are read as data, never instantiated.
/// </summary>
internal static class ModuleMetadata
{
    public const string AllParameterSets = "__AllParameterSets";

    private static readonly Lazy<Loaded> State = new(Load);

    public static Assembly CmdletAssembly => State.Value.CmdletAssembly;

    public static Assembly CoreAssembly => State.Value.CoreAssembly;

    /// <summary>Every public, concrete class of ActitoPS.dll with a [Cmdlet] attribute, by Verb-Noun.</summary>
    public static IReadOnlyList<CmdletMetadata> Cmdlets => State.Value.Cmdlets;

    public static IEnumerable<object[]> CmdletNames => Cmdlets.Select(c => new object[] { c.Name });

    public static CmdletMetadata Cmdlet(string name) =>
        Cmdlets.SingleOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"ActitoPS.dll has no cmdlet {name}.");

    /// <summary>An assembly the module references, resolved from the bin folder or the runtime (e.g. PowerShellStandard's).</summary>
    public static Assembly Referenced(string simpleName) => State.Value.Context.LoadFromAssemblyName(simpleName);

    /// <summary>A type of ActitoPS.dll or ActitoPS.Core.dll by full name, or null.</summary>
    public static Type? FindModuleType(string fullName) =>
        CmdletAssembly.GetType(fullName, throwOnError: false) ?? CoreAssembly.GetType(fullName, throwOnError: false);

    private static Loaded Load()
    {
        var bin = Repo.BinDirectory;
        var cmdletPath = Path.Combine(bin, "ActitoPS.dll");
        var corePath = Path.Combine(bin, "ActitoPS.Core.dll");
        Assert.True(File.Exists(cmdletPath), $"No ActitoPS.dll in {bin}: the project reference to src/ActitoPS should copy it there.");

        // The runtime's facades resolve netstandard; the bin folder brings Newtonsoft.Json, CsvHelper and
        // PowerShellStandard's System.Management.Automation. For a name in both, the resolver takes the higher version.
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(bin, "*.dll"))
            .ToList();
        var context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        var cmdletAssembly = context.LoadFromAssemblyPath(cmdletPath);
        var coreAssembly = context.LoadFromAssemblyPath(corePath);

        var cmdlets = cmdletAssembly.GetTypes()
            .Where(t => t.IsClass && t.IsPublic && !t.IsAbstract)
            .Select(t => (Type: t, Attribute: Attribute(t.GetCustomAttributesData(), "System.Management.Automation.CmdletAttribute")))
            .Where(x => x.Attribute != null)
            .Select(x => CmdletMetadata.From(x.Type, x.Attribute!))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        return new Loaded(context, cmdletAssembly, coreAssembly, cmdlets);
    }

    internal static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.FirstOrDefault(a => a.AttributeType.FullName == fullName);

    internal static T? Named<T>(CustomAttributeData attribute, string name, T? fallback = default)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name)
            {
                return (T?)argument.TypedValue.Value;
            }
        }

        return fallback;
    }

    /// <summary>Nullable&lt;T&gt; shows as T in PowerShell's syntax and help; MLC types can't be compared to typeof(Nullable&lt;&gt;).</summary>
    public static Type Unwrap(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : type;

    public static bool DerivesFrom(Type type, string fullName)
    {
        for (var current = type.BaseType; current != null; current = current.BaseType)
        {
            if (current.FullName == fullName)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Loaded(MetadataLoadContext Context, Assembly CmdletAssembly, Assembly CoreAssembly, IReadOnlyList<CmdletMetadata> Cmdlets);
}

internal sealed record CmdletMetadata(
    string Verb,
    string Noun,
    Type Type,
    bool SupportsShouldProcess,
    string? DefaultParameterSetName,
    IReadOnlyList<ParameterMetadata> Parameters,
    IReadOnlyList<Type> OutputTypes)
{
    public string Name => $"{Verb}-{Noun}";

    public ParameterMetadata? Parameter(string name) => Parameters.SingleOrDefault(p => p.Name == name);

    /// <summary>The sets PowerShell would show: the named ones, or the single implicit set when none is named.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Sets).Select(s => s.SetName)
                .Where(s => s != ModuleMetadata.AllParameterSets).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
            return named.Count > 0 ? named : [ModuleMetadata.AllParameterSets];
        }
    }

    /// <summary>The parameters usable in a set, each with its attribute for that set.</summary>
    public IEnumerable<(ParameterMetadata Parameter, ParameterSetMetadata Set)> InSet(string setName) =>
        Parameters.Select(p => (p, p.Sets.FirstOrDefault(s => s.SetName == setName) ?? p.Sets.FirstOrDefault(s => s.SetName == ModuleMetadata.AllParameterSets)))
            .Where(x => x.Item2 != null)
            .Select(x => (x.p, x.Item2!));

    public static CmdletMetadata From(Type type, CustomAttributeData cmdlet)
    {
        var verb = (string)cmdlet.ConstructorArguments[0].Value!;
        var noun = (string)cmdlet.ConstructorArguments[1].Value!;
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(ParameterMetadata.From)
            .Where(p => p != null)
            .Select(p => p!)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

        var outputTypes = new List<Type>();
        foreach (var output in type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute"))
        {
            foreach (var argument in output.ConstructorArguments)
            {
                if (argument.Value is IEnumerable<CustomAttributeTypedArgument> items)
                {
                    outputTypes.AddRange(items.Select(i => i.Value).OfType<Type>());
                }
            }
        }

        return new CmdletMetadata(
            verb,
            noun,
            type,
            ModuleMetadata.Named(cmdlet, "SupportsShouldProcess", false),
            ModuleMetadata.Named<string>(cmdlet, "DefaultParameterSetName"),
            parameters,
            outputTypes.Where(t => t.FullName != "System.Void").ToList());
    }
}

internal sealed record ParameterMetadata(string Name, Type Type, IReadOnlyList<ParameterSetMetadata> Sets)
{
    /// <summary>The type as PowerShell's syntax and platyPS show it: short name, Nullable unwrapped.</summary>
    public string DisplayType => ModuleMetadata.Unwrap(Type).Name;

    public bool IsSwitch => Type.FullName == "System.Management.Automation.SwitchParameter";

    public static ParameterMetadata? From(PropertyInfo property)
    {
        var sets = property.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute")
            .Select(ParameterSetMetadata.From)
            .ToList();
        return sets.Count == 0 ? null : new ParameterMetadata(property.Name, property.PropertyType, sets);
    }
}

internal sealed record ParameterSetMetadata(string SetName, bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName)
{
    public static ParameterSetMetadata From(CustomAttributeData attribute)
    {
        var position = ModuleMetadata.Named(attribute, "Position", int.MinValue);
        return new ParameterSetMetadata(
            ModuleMetadata.Named<string>(attribute, "ParameterSetName") ?? ModuleMetadata.AllParameterSets,
            ModuleMetadata.Named(attribute, "Mandatory", false),
            position == int.MinValue ? null : position,
            ModuleMetadata.Named(attribute, "ValueFromPipeline", false),
            ModuleMetadata.Named(attribute, "ValueFromPipelineByPropertyName", false));
    }
}
