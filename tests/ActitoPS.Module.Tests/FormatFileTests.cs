using System.Xml;
using System.Xml.Linq;

namespace ActitoPS.Module.Tests;

/// <summary>
/// ActitoPS.format.ps1xml is loaded by Import-Module: a malformed file, or a table whose headers and
/// columns don't pair up, makes the whole import fail; a property name that doesn't exist shows an empty column.
/// </summary>
public class FormatFileTests
{
    private static readonly Lazy<IReadOnlyList<FormatView>> Views = new(LoadViews);

    [Fact]
    public void Every_type_a_cmdlet_declares_as_output_has_a_view()
    {
        var viewed = Views.Value.Select(v => v.TypeName).ToHashSet(StringComparer.Ordinal);
        // PowerShell's own types (a FileInfo from Save-ActitoEtlOutput, written through the FileSystem provider) come with PowerShell's views.
        var outputTypes = ModuleMetadata.Cmdlets.SelectMany(c => c.OutputTypes.Select(t => (Cmdlet: c.Name, Type: t.FullName!)))
            .Where(o => o.Type.StartsWith("ActitoPS.", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(outputTypes);
        Assert.All(outputTypes, o => Assert.True(viewed.Contains(o.Type), $"{o.Cmdlet} outputs {o.Type}, which has no view in the format file."));
    }

    [Fact]
    public void Each_view_names_a_module_type_and_only_its_real_properties()
    {
        var problems = new List<string>();
        foreach (var view in Views.Value)
        {
            var type = ModuleMetadata.FindModuleType(view.TypeName);
            if (type == null)
            {
                problems.Add($"View '{view.Name}' selects {view.TypeName}, which is not a type of ActitoPS.dll or ActitoPS.Core.dll.");
                continue;
            }

            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var property in view.Properties.Where(p => !properties.Contains(p)))
            {
                problems.Add($"View '{view.Name}' shows property '{property}', which {view.TypeName} does not have.");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_table_pairs_each_header_with_one_column()
    {
        var tables = Views.Value.Where(v => v.HeaderCount.HasValue).ToList();

        Assert.NotEmpty(tables);
        Assert.All(tables, t => Assert.All(t.ColumnCounts, count => Assert.Equal(t.HeaderCount!.Value, count)));
        Assert.All(tables, t => Assert.NotEmpty(t.ColumnCounts));
    }

    [Fact]
    public void View_names_are_unique()
    {
        var names = Views.Value.Select(v => v.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    private static IReadOnlyList<FormatView> LoadViews()
    {
        var path = Repo.PathOf("src", "ActitoPS", "ActitoPS.format.ps1xml");
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (XmlException error)
        {
            throw new Xunit.Sdk.XunitException($"ActitoPS.format.ps1xml is not well-formed XML: {error.Message}");
        }

        Assert.Equal("Configuration", document.Root!.Name.LocalName);
        var views = document.Root.Elements("ViewDefinitions").Elements("View").Select(view =>
        {
            var table = view.Element("TableControl");
            return new FormatView(
                (string?)view.Element("Name") ?? string.Empty,
                Assert.Single(view.Elements("ViewSelectedBy").Elements("TypeName")).Value.Trim(),
                view.Descendants("PropertyName").Select(p => p.Value.Trim()).ToList(),
                table?.Element("TableHeaders")?.Elements("TableColumnHeader").Count(),
                table == null ? [] : table.Elements("TableRowEntries").Elements("TableRowEntry").Select(r => r.Elements("TableColumnItems").Elements("TableColumnItem").Count()).ToList());
        }).ToList();

        Assert.NotEmpty(views);
        Assert.All(views, v => Assert.NotEmpty(v.Name));
        return views;
    }

    private sealed record FormatView(string Name, string TypeName, IReadOnlyList<string> Properties, int? HeaderCount, IReadOnlyList<int> ColumnCounts);
}
