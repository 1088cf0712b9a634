using ActitoPS.PowerShell.Tests.Harness;
using System.Management.Automation.Language;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// build.ps1 and the Pester tests run only where pwsh is installed; PowerShell's own parser checks here
/// that every script of the repository parses, and that the README's and help pages' PowerShell blocks do.
/// </summary>
public sealed class ScriptParsingTests
{
    private static string Root => Repository.Root;

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Root, "*.ps1", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                                 !f.Contains($"{Path.DirectorySeparatorChar}out{Path.DirectorySeparatorChar}"))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root, file).Replace('\\', '/'));
        }
        return data;
    }

    public static TheoryData<string> DocumentsWithPowerShell()
    {
        var data = new TheoryData<string> { "README.md" };
        foreach (var page in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Root, page).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_script_parses(string relativePath)
    {
        Parser.ParseFile(Path.Combine(Root, relativePath), out _, out var errors);

        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{relativePath}:{e.Extent.StartLineNumber}: {e.Message}")));
    }

    [Fact]
    public void The_scripts_found_include_the_build_and_the_Pester_tests()
    {
        var scripts = ((IEnumerable<object[]>)Scripts()).Select(row => (string)row[0]).ToList();

        Assert.Contains("build.ps1", scripts);
        Assert.Contains("tests/pester/Profiles.Tests.ps1", scripts);
    }

    [Theory]
    [MemberData(nameof(DocumentsWithPowerShell))]
    public void Every_powershell_block_of_the_docs_parses(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(Root, relativePath));
        var blocks = System.Text.RegularExpressions.Regex.Matches(text, "```powershell\\r?\\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
        foreach (System.Text.RegularExpressions.Match block in blocks)
        {
            Parser.ParseInput(block.Groups[1].Value, out _, out var errors);
            Assert.True(errors.Length == 0, $"{relativePath}:\n{block.Groups[1].Value}\n" + string.Join("\n", errors.Select(e => e.Message)));
        }
    }
}
