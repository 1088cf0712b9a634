using System.Text.RegularExpressions;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// The help a user reads: every cmdlet page of docs/en-US made into MAML as platyPS 0.14 makes it
/// (<see cref="PlatyPsMaml"/>: build.ps1 -Task Docs runs the real one, which this machine lacks), put beside a
/// copy of the module as en-US/ActitoPS.dll-Help.xml, and shown by the engine's own Get-Help, -Full and
/// -Examples, 300 columns wide. What the page says must reach the screen whole: each parameter's description,
/// each example's code line for line, each list item on a line of its own.
/// </summary>
[Collection(InEngineCollection.Name)]
public sealed class RenderedHelpTests(RenderedHelpTests.ModuleWithHelp module) : IClassFixture<RenderedHelpTests.ModuleWithHelp>
{
    // platyPS centres a title in dashes, unless it is 62 characters or more.
    private static readonly Regex ExampleTitle = new(@"^\s*(?:-+ )?(Example \d+:.*?)(?: -+)?\s*$");

    public static TheoryData<string> Cmdlets()
    {
        var data = new TheoryData<string>();
        foreach (var page in Pages()) data.Add(Path.GetFileNameWithoutExtension(page));
        return data;
    }

    private static IEnumerable<string> Pages() =>
        Directory.GetFiles(Repository.PathOf("docs", "en-US"), "*-*.md").Order(StringComparer.Ordinal);

    /// <summary>The module copied with the help made from every page that converts (the others fail below).</summary>
    public sealed class ModuleWithHelp : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "actitops-help-" + Guid.NewGuid().ToString("N"));

        public ModuleWithHelp()
        {
            var folder = Path.Combine(_root, "ActitoPS");
            Repository.CopyDirectory(ModuleSession.ModuleDirectory, folder);
            var converted = new List<PlatyPsMaml.CommandHelp>();
            foreach (var page in Pages())
            {
                try { converted.Add(PlatyPsMaml.Read(page)); }
                catch (PlatyPsMaml.SchemaException) { }
            }
            Directory.CreateDirectory(Path.Combine(folder, "en-US"));
            PlatyPsMaml.ToMaml(converted).Save(Path.Combine(folder, "en-US", "ActitoPS.dll-Help.xml"));
            Manifest = Path.Combine(folder, "ActitoPS.psd1");
        }

        public string Manifest { get; }

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_page_has_the_shape_platyPS_converts(string cmdlet)
    {
        var page = File.ReadAllText(PagePath(cmdlet)).Replace("\r\n", "\n");
        var help = PlatyPsMaml.Read(PagePath(cmdlet));

        Assert.Equal(cmdlet, help.Name);
        Assert.NotEmpty(help.Synopsis);
        Assert.NotEmpty(help.Description);
        // Every heading reached its section: none was swallowed as text (a prose stretch past platyPS's look-ahead).
        Assert.Equal(Regex.Matches(page, @"^### -\w+$", RegexOptions.Multiline).Select(m => m.Value[5..]), help.Parameters.Select(p => p.Name));
        Assert.Equal(Regex.Matches(page, @"^### (Example \d+.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value), help.Examples.Select(e => e.Title));
        Assert.Equal(Regex.Matches(page, @"^### (\S+)$", RegexOptions.Multiline).Count(m => !m.Value.StartsWith("### -") && !m.Value.StartsWith("### Example") && m.Groups[1].Value != "CommonParameters"
                && SectionOf(page, m.Index) is "INPUTS" or "OUTPUTS"),
            help.Inputs.Count + help.Outputs.Count);
        Assert.False(help.Description.Contains("## ", StringComparison.Ordinal) || help.Notes.Contains("## ", StringComparison.Ordinal),
            "A heading ended up inside the DESCRIPTION or the NOTES.");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_Full_shows_every_parameter_and_every_paragraph_of_the_page_as_written(string cmdlet)
    {
        var page = File.ReadAllText(PagePath(cmdlet)).Replace("\r\n", "\n");
        var shown = Flatten(Render($"Get-Help {cmdlet} -Full"));

        foreach (Match parameter in Regex.Matches(page, @"^### -(\w+)$", RegexOptions.Multiline))
        {
            Assert.Contains($"-{parameter.Groups[1].Value} <", shown.Replace($"-{parameter.Groups[1].Value} [<", $"-{parameter.Groups[1].Value} <"));
        }
        var paragraphs = Paragraphs(page).ToList();
        Assert.NotEmpty(paragraphs);
        foreach (var paragraph in paragraphs)
        {
            var expected = Flatten(AsReadersSeeIt(paragraph));
            Assert.True(shown.Contains(expected, StringComparison.Ordinal),
                $"Get-Help {cmdlet} -Full does not show this paragraph as written:\n{expected}\n{Nearest(shown, expected)}");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_Examples_shows_at_least_two_examples_each_with_its_code_line_for_line(string cmdlet)
    {
        var examples = HelpExampleTests.AllExamples().Where(e => e.Page == cmdlet).ToList();
        var lines = Render($"Get-Help {cmdlet} -Examples");

        var titles = lines.Select(l => ExampleTitle.Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.True(titles.Count >= 2, $"Get-Help {cmdlet} -Examples shows {titles.Count} example(s).");
        Assert.Equal(examples.Select(e => e.Title), titles);
        var at = 0;
        foreach (var example in examples)
        {
            at = lines.FindIndex(at, l => ExampleTitle.Match(l) is { Success: true } m && m.Groups[1].Value == example.Title);
            foreach (var code in example.Code.Split('\n').Where(l => l.Trim().Length > 0))
            {
                var found = lines.FindIndex(at + 1, l => l.Trim() == code.Trim());
                Assert.True(found > at, $"{cmdlet} {example.Title}: the code line '{code.Trim()}' is not shown on a line of its own, in order.");
                at = found;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_list_item_of_the_page_starts_a_line_of_its_own_in_Get_Help_Full(string cmdlet)
    {
        var lines = Render($"Get-Help {cmdlet} -Full").Select(l => l.Trim()).ToList();

        foreach (var item in ProseLines(File.ReadAllText(PagePath(cmdlet))).Where(l => l.StartsWith("- ", StringComparison.Ordinal)))
        {
            var start = Flatten(AsReadersSeeIt(item));
            start = start[..Math.Min(start.Length, 40)];
            Assert.True(lines.Any(l => l.StartsWith(start, StringComparison.Ordinal)),
                $"Get-Help {cmdlet} -Full runs the list item '{start}...' into the text before it.");
        }
    }

    [Fact]
    public void The_model_keeps_one_line_list_items_and_joins_a_wrapped_one_to_the_next_as_platyPS_does()
    {
        var page = """
            # Get-Thing

            ## DESCRIPTION
            Intro line one
            and line two.

            - first item;
            - second item.

            - wrapped item,
              its second line;
            - joined item.

            Done: $_.Id and $_.Name.
            """;

        var description = PlatyPsMaml.ReadText("Get-Thing.md", page).Description.Split("\r\n");

        Assert.Equal("Intro line one and line two.", description[0]);
        Assert.Contains("- first item;", description);
        Assert.Contains("- second item.", description);
        Assert.Contains(description, l => Regex.Replace(l, " +", " ") == "- wrapped item, its second line; - joined item.");
        // Two "$_" in one paragraph are "_..._" emphasis to platyPS: its underscores go.
        Assert.Equal("Done: $ .Id and $ .Name.", description[^1]);
    }

    [Fact]
    public void The_model_like_platyPS_swallows_the_rest_of_a_page_after_a_prose_stretch_past_10000_characters()
    {
        var prose = string.Join("\n\n", Enumerable.Repeat("A sentence of plain prose that goes on and on without any markup in it at all.", 130));
        var page = $"# Get-Thing\n\n## DESCRIPTION\n{prose}\n\n## PARAMETERS\n\n### -Name\nThe name.\n\n```yaml\nType: String\n```\n";

        var help = PlatyPsMaml.ReadText("Get-Thing.md", page);

        Assert.True(prose.Length > 10000);
        Assert.Empty(help.Parameters);
        Assert.Contains("## PARAMETERS", help.Description);
    }

    [Fact]
    public void The_model_refuses_what_platyPS_refuses_a_code_block_in_the_description_or_after_an_example()
    {
        var codeInDescription = "# Get-Thing\n\n## DESCRIPTION\nText.\n\n```\ncode\n```\n\nMore text.\n";
        var codeAfterRemarks = "# Get-Thing\n\n## EXAMPLES\n\n### Example 1: one\n```powershell\nGet-Thing\n```\n\nRemarks.\n\n```powershell\nmore\n```\n";

        var first = Assert.Throws<PlatyPsMaml.SchemaException>(() => PlatyPsMaml.ReadText("a.md", codeInDescription));
        var second = Assert.Throws<PlatyPsMaml.SchemaException>(() => PlatyPsMaml.ReadText("b.md", codeAfterRemarks));

        Assert.Equal(6, first.Line);
        Assert.Equal(12, second.Line);
    }

    private static string SectionOf(string page, int at) =>
        Regex.Matches(page[..at], @"^## (.+)$", RegexOptions.Multiline).LastOrDefault()?.Groups[1].Value ?? "";

    private static string PagePath(string cmdlet) => Repository.PathOf("docs", "en-US", cmdlet + ".md");

    private List<string> Render(string script)
    {
        using var session = ModuleSession.Start(importModule: false, width: 300, culture: "en-US");
        session.Run($"Import-Module -Name {Rows.Quote(module.Manifest)} -ErrorAction Stop").AssertClean();
        session.Render(script).AssertClean();
        return [.. session.UI.Lines];
    }

    /// <summary>A section's prose, from its "## NAME" heading to the next heading.</summary>
    private static string Section(string page, string name)
    {
        var match = Regex.Match(page, $@"^## {name}\n(.*?)(?=^#)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, $"No '## {name}' section.");
        return match.Groups[1].Value;
    }

    /// <summary>Markdown prose as a reader means it: a link is its text and address, fences go, the rest stands.</summary>
    private static string AsReadersSeeIt(string markdown) =>
        Regex.Replace(Regex.Replace(markdown, @"^```\w*$", "", RegexOptions.Multiline), @"\[([^\]]+)\]\(([^)\s]+)\)", "$1 ($2)");

    private static string Flatten(IEnumerable<string> lines) => Flatten(string.Join(' ', lines));

    private static string Flatten(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>The lines of a page outside code fences and front matter.</summary>
    private static IEnumerable<string> ProseLines(string page)
    {
        var inFence = false;
        foreach (var line in page.Replace("\r\n", "\n").Split('\n').SkipWhile(l => l != "# " && !l.StartsWith("# ", StringComparison.Ordinal)))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            if (!inFence) yield return line;
        }
    }

    /// <summary>
    /// The page's prose, a paragraph at a time: every run of text lines outside code blocks, under every
    /// heading but SYNTAX, RELATED LINKS and CommonParameters (whose text Get-Help writes itself).
    /// </summary>
    private static IEnumerable<string> Paragraphs(string page)
    {
        var current = new List<string>();
        var skip = true;
        foreach (var line in ProseLines(page).Append(""))
        {
            if (line.StartsWith('#'))
            {
                skip = line is "## SYNTAX" or "## RELATED LINKS" or "### CommonParameters" || line.StartsWith("# ", StringComparison.Ordinal);
            }
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                if (current.Count > 0) yield return string.Join("\n", current);
                current.Clear();
                continue;
            }
            if (!skip) current.Add(line);
        }
    }

    /// <summary>For a failure message: where the shown help starts to differ from the expected text.</summary>
    private static string Nearest(string shown, string expected)
    {
        for (var length = Math.Min(expected.Length, 200); length > 10; length -= 10)
        {
            var at = shown.IndexOf(expected[..length], StringComparison.Ordinal);
            if (at >= 0)
            {
                var from = Math.Max(0, at + length - 60);
                return $"Shown from there: ...{shown.Substring(from, Math.Min(240, shown.Length - from))}...";
            }
        }
        return "Not even its start is shown.";
    }
}
