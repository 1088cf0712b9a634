using System.Xml.Linq;

namespace ActitoPS.Module.Tests;

/// <summary>ActitoPS.psd1 against what the build really produces.</summary>
public class ManifestTests
{
    [Fact]
    public void CmdletsToExport_is_exactly_the_cmdlet_classes_of_ActitoPS_dll()
    {
        // A cmdlet missing from the list is invisible to users; a name without a class makes Import-Module warn
        // and auto-loading point at nothing.
        var inAssembly = ModuleMetadata.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var exported = Manifest.ExportedCmdlets.ToHashSet(StringComparer.Ordinal);

        Assert.Equal(Manifest.ExportedCmdlets.Count, exported.Count);
        Assert.True(inAssembly.SetEquals(exported),
            $"Only in ActitoPS.dll: [{string.Join(", ", inAssembly.Except(exported))}]; only in CmdletsToExport: [{string.Join(", ", exported.Except(inAssembly))}].");
    }

    [Fact]
    public void The_manifest_loads_in_Windows_PowerShell_5_1_and_PowerShell_7()
    {
        var manifest = Manifest.Read();

        Assert.Equal("5.1", manifest.GetString("PowerShellVersion"));
        Assert.Equal(["Core", "Desktop"], manifest.GetStrings("CompatiblePSEditions").Order(StringComparer.Ordinal));
        Assert.Equal(Path.GetFileName(ModuleMetadata.CmdletAssembly.Location), manifest.GetString("RootModule"));
        Assert.True(Guid.TryParse(manifest.GetString("GUID"), out var guid) && guid != Guid.Empty, "GUID is not a fixed, valid GUID.");
    }

    [Fact]
    public void Both_assemblies_target_netstandard2_0_so_one_build_serves_both_editions()
    {
        foreach (var assembly in new[] { ModuleMetadata.CmdletAssembly, ModuleMetadata.CoreAssembly })
        {
            var framework = ModuleMetadata.Attribute(assembly.GetCustomAttributesData(), "System.Runtime.Versioning.TargetFrameworkAttribute");
            Assert.NotNull(framework);
            Assert.Equal(".NETStandard,Version=v2.0", framework!.ConstructorArguments[0].Value);
        }
    }

    [Fact]
    public void Export_lists_are_explicit_and_empty_where_the_module_has_nothing()
    {
        // '*' or a missing key makes PowerShell load the DLL to discover commands, and exports whatever appears.
        var manifest = Manifest.Read();
        foreach (var key in new[] { "FunctionsToExport", "AliasesToExport", "VariablesToExport" })
        {
            Assert.Empty(manifest.GetStrings(key));
        }

        Assert.DoesNotContain(Manifest.ExportedCmdlets, name => name.Contains('*') || name.Contains('?'));
    }

    [Fact]
    public void ModuleVersion_matches_the_version_the_assemblies_are_built_with()
    {
        var props = XDocument.Load(Repo.PathOf("Directory.Build.props"));
        var version = props.Descendants("Version").Select(v => v.Value.Trim()).Single();
        var moduleVersion = Manifest.Read().GetString("ModuleVersion");

        Assert.Equal(version, moduleVersion);
        Assert.Equal(Version.Parse(moduleVersion), ToThreeParts(ModuleMetadata.CmdletAssembly.GetName().Version!));
    }

    [Fact]
    public void Every_format_file_exists_in_the_source_and_beside_the_built_ActitoPS_dll()
    {
        var formats = Manifest.Read().GetStrings("FormatsToProcess");
        Assert.NotEmpty(formats);
        foreach (var format in formats)
        {
            Assert.True(File.Exists(Repo.PathOf("src", "ActitoPS", format)), $"src/ActitoPS/{format} is missing: Import-Module would fail.");
            Assert.True(File.Exists(Path.Combine(Repo.BinDirectory, format)),
                $"{format} is not copied next to ActitoPS.dll: ActitoPS.csproj must copy it to the output and publish folders.");
        }
    }

    [Fact]
    public void Gallery_metadata_has_tags_and_no_invented_addresses()
    {
        var psData = Manifest.Read().GetTable("PrivateData").GetTable("PSData");

        var tags = psData.GetStrings("Tags");
        Assert.NotEmpty(tags);
        Assert.DoesNotContain(tags, tag => tag.Any(char.IsWhiteSpace));
        foreach (var key in new[] { "ProjectUri", "LicenseUri", "IconUri" })
        {
            if (psData.ContainsKey(key))
            {
                var uri = psData.GetString(key);
                Assert.True(Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps && !uri.Contains("example", StringComparison.OrdinalIgnoreCase),
                    $"PSData.{key} '{uri}' is not a real https address: leave the key out until there is one.");
            }
        }
    }

    private static Version ToThreeParts(Version version) => new(version.Major, version.Minor, Math.Max(version.Build, 0));

    [Fact]
    public void ReleaseNotes_are_the_newest_section_of_the_changelog()
    {
        var changelog = Repo.ReadText("CHANGELOG.md").Replace("\r\n", "\n");
        var newest = Regex.Match(changelog, @"^## (?<title>[^\n]+)\n\n(?<body>.*?)(?=\n## |\z)", RegexOptions.Singleline | RegexOptions.Multiline);
        var notes = Manifest.Read().GetTable("PrivateData").GetTable("PSData").GetString("ReleaseNotes");

        Assert.True(newest.Success, "CHANGELOG.md has no '## version' section.");
        Assert.Equal(newest.Groups["body"].Value.Trim(), notes.Replace("\r\n", "\n").Trim());
    }

    [Fact]
    public void The_module_version_is_the_version_of_the_newest_changelog_section()
    {
        // A package built from main carries the version its release notes describe.
        var changelog = Repo.ReadText("CHANGELOG.md").Replace("\r\n", "\n");
        var newest = Regex.Match(changelog, @"^## (?<version>\d+\.\d+\.\d+)\b", RegexOptions.Multiline);

        Assert.True(newest.Success, "CHANGELOG.md has no '## x.y.z' section.");
        Assert.Equal(newest.Groups["version"].Value, Manifest.Read().GetString("ModuleVersion"));
    }
}
