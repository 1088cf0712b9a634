namespace ActitoPS.Module.Tests;

/// <summary>
/// docs/en-US against the cmdlet classes: platyPS turns these pages into Get-Help, so a parameter
/// missing or described wrong here is wrong in every user's shell.
/// </summary>
public class HelpDocsTests
{
    private static readonly string DocsDirectory = Repo.PathOf("docs", "en-US");

    public static IEnumerable<object[]> CmdletNames => ModuleMetadata.CmdletNames;

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void The_page_has_platyPS_front_matter_a_title_and_a_synopsis(string cmdlet)
    {
        var page = Page(cmdlet);

        Assert.Equal("ActitoPS.dll-Help.xml", FrontMatter(page, "external help file"));
        Assert.Equal("ActitoPS", FrontMatter(page, "Module Name"));
        Assert.Equal("2.0.0", FrontMatter(page, "schema"));
        Assert.True(page.FrontMatter.ContainsKey("online version"), "The front matter has no 'online version' key (platyPS expects it, empty or not).");
        Assert.Equal(cmdlet, Assert.Single(page.Headings, h => h.Level == 1).Title);

        foreach (var section in new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" })
        {
            Assert.True(page.Find(2, section) != null, $"{cmdlet}.md has no '## {section}' section.");
        }

        Assert.NotEmpty(page.Find(2, "SYNOPSIS")!.Prose);
        Assert.NotEmpty(page.Find(2, "DESCRIPTION")!.Prose);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void At_least_two_examples_run_the_cmdlet_and_none_holds_a_placeholder(string cmdlet)
    {
        var page = Page(cmdlet);
        var examples = page.Children(page.Find(2, "EXAMPLES")!);
        var invokes = new Regex($@"(?<![\w-]){Regex.Escape(cmdlet)}(?![\w-])");

        Assert.All(examples, e => Assert.Matches(@"^Example \d+: \S", e.Title));
        var running = examples.Count(e => e.CodeBlocks.Any(b => invokes.IsMatch(b.Code)));
        Assert.True(running >= 2, $"{cmdlet}.md has {running} example(s) whose code runs {cmdlet}; at least two are needed.");

        foreach (var example in examples)
        {
            Assert.NotEmpty(example.CodeBlocks);
            Assert.NotEmpty(example.Prose);
            foreach (var block in example.CodeBlocks)
            {
                // <your-key>, <entity> and the like are placeholders: examples must run as written.
                Assert.DoesNotMatch(@"<[A-Za-z][\w .-]*>", block.Code);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_parameter_is_documented_with_the_metadata_the_class_declares(string cmdlet)
    {
        var meta = ModuleMetadata.Cmdlet(cmdlet);
        var page = Page(cmdlet);
        var documented = page.Children(page.Find(2, "PARAMETERS")!).ToDictionary(h => h.Title, StringComparer.Ordinal);
        var problems = new List<string>();

        var expected = meta.Parameters.Select(p => "-" + p.Name).ToList();
        if (meta.SupportsShouldProcess)
        {
            expected.AddRange(["-WhatIf", "-Confirm"]);
        }

        foreach (var extra in documented.Keys.Except(expected).Where(k => k != "CommonParameters"))
        {
            problems.Add($"'### {extra}' documents a parameter {cmdlet} does not have.");
        }

        if (!documented.ContainsKey("CommonParameters"))
        {
            problems.Add("No '### CommonParameters' section.");
        }

        foreach (var parameter in meta.Parameters)
        {
            if (!documented.TryGetValue("-" + parameter.Name, out var heading))
            {
                problems.Add($"-{parameter.Name} is not documented.");
                continue;
            }

            CheckParameter(parameter, heading, problems);
        }

        foreach (var (name, alias) in new[] { ("WhatIf", "wi"), ("Confirm", "cf") })
        {
            if (meta.SupportsShouldProcess && documented.TryGetValue("-" + name, out var heading))
            {
                var yaml = Assert.Single(heading.CodeBlocks, b => b.Info == "yaml").YamlFields();
                Expect(problems, $"-{name} Type", "SwitchParameter", Field(yaml, "Type"));
                Expect(problems, $"-{name} Aliases", alias, Field(yaml, "Aliases"));
                Expect(problems, $"-{name} Required", "False", Field(yaml, "Required"));
            }
        }

        Assert.True(problems.Count == 0, $"{cmdlet}.md:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void The_syntax_shows_each_parameter_set_as_PowerShell_would(string cmdlet)
    {
        var meta = ModuleMetadata.Cmdlet(cmdlet);
        var page = Page(cmdlet);
        var blocks = page.Children(page.Find(2, "SYNTAX")!);
        var problems = new List<string>();

        var titles = meta.ParameterSets.ToDictionary(
            set => set,
            set => set + (meta.ParameterSets.Count > 1 && set == meta.DefaultParameterSetName ? " (Default)" : string.Empty),
            StringComparer.Ordinal);
        Assert.Equal(titles.Values.Order(StringComparer.Ordinal), blocks.Select(b => b.Title).Order(StringComparer.Ordinal));

        foreach (var set in meta.ParameterSets)
        {
            var block = blocks.Single(b => b.Title == titles[set]);
            var code = Regex.Replace(Assert.Single(block.CodeBlocks).Code, @"\s+", " ").Trim();
            if (!code.StartsWith(cmdlet + " ", StringComparison.Ordinal) || !code.EndsWith("[<CommonParameters>]", StringComparison.Ordinal))
            {
                problems.Add($"Set {set}: the syntax must start with '{cmdlet}' and end with '[<CommonParameters>]'.");
            }

            var shown = Regex.Matches(code[cmdlet.Length..], @"(?<![\w-])-(\w+)").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var fragments = meta.InSet(set).ToDictionary(x => x.Parameter.Name, x => SyntaxFragment(x.Parameter, x.Set), StringComparer.Ordinal);
            if (meta.SupportsShouldProcess)
            {
                fragments["WhatIf"] = "[-WhatIf]";
                fragments["Confirm"] = "[-Confirm]";
            }

            foreach (var name in shown.Except(fragments.Keys))
            {
                problems.Add($"Set {set}: shows -{name}, which is not in that set.");
            }

            foreach (var (name, fragment) in fragments)
            {
                if (!Regex.IsMatch(code, $@"(?<=^|\s){Regex.Escape(fragment)}(?=\s|$)"))
                {
                    problems.Add($"Set {set}: expected '{fragment}' for -{name}.");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{cmdlet}.md SYNTAX:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Inputs_and_outputs_name_the_pipeline_types(string cmdlet)
    {
        var meta = ModuleMetadata.Cmdlet(cmdlet);
        var page = Page(cmdlet);

        var inputs = page.Children(page.Find(2, "INPUTS")!).Select(h => h.Title).ToList();
        // As platyPS lists them: the types of the parameters that take pipeline input by value or by property name.
        var pipelineTypes = meta.Parameters.Where(p => p.Sets.Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName))
            .Select(p => ModuleMetadata.Unwrap(p.Type).FullName!).Distinct().ToList();
        if (pipelineTypes.Count == 0)
        {
            Assert.Equal(["None"], inputs);
        }
        else
        {
            Assert.All(pipelineTypes, t => Assert.Contains(t, inputs));
        }

        var outputs = page.Children(page.Find(2, "OUTPUTS")!).Select(h => h.Title).ToList();
        var outputTypes = meta.OutputTypes.Select(t => t.FullName!).ToList();
        Assert.Equal(outputTypes.Count == 0 ? ["None"] : outputTypes.Order(StringComparer.Ordinal), outputs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_page_belongs_to_an_exported_cmdlet_or_is_the_about_topic()
    {
        var pages = Directory.GetFiles(DocsDirectory, "*.md").Select(Path.GetFileNameWithoutExtension).ToList();
        var cmdlets = Manifest.ExportedCmdlets;

        Assert.Contains("about_ActitoPS", pages);
        Assert.All(pages.Where(p => p != "about_ActitoPS"), p => Assert.Contains(p!, cmdlets));
    }

    [Fact]
    public void The_about_topic_has_the_shape_platyPS_converts_to_about_ActitoPS_help_txt()
    {
        // platyPS recognises an about topic by its second heading, and names the .help.txt after the file, its
        // ".md" replaced: about_ActitoPS.help.md would become about_ActitoPS.help.help.txt.
        var page = MarkdownPage.Load(Path.Combine(DocsDirectory, "about_ActitoPS.md"));

        Assert.True(page.Headings.Count >= 2);
        Assert.Equal((1, "about_ActitoPS"), (page.Headings[0].Level, page.Headings[0].Title));
        Assert.Equal((2, "about_ActitoPS"), (page.Headings[1].Level, page.Headings[1].Title));
        Assert.NotEmpty(page.Find(1, "SHORT DESCRIPTION")!.Prose);
        Assert.NotEmpty(page.Find(1, "LONG DESCRIPTION")!.Prose);
        Assert.NotNull(page.Find(1, "SEE ALSO"));
        Assert.NotNull(page.Find(1, "TROUBLESHOOTING NOTE"));
    }

    [Fact]
    public void The_about_topic_keeps_to_the_markdown_platyPS_renders_as_text()
    {
        // platyPS's text renderer knows fenced code blocks only, keeps a list item on a line of its own only when the
        // item is one line, and joins a first item to the line before it unless a blank line stands between.
        var lines = File.ReadAllLines(Path.Combine(DocsDirectory, "about_ActitoPS.md"));
        var problems = new List<string>();
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
            if (fenced) continue;
            var previous = i > 0 ? lines[i - 1] : "";
            if (line.StartsWith("    ", StringComparison.Ordinal) && previous.Trim().Length == 0)
                problems.Add($"line {i + 1}: an indented code block; fence it with ``` instead");
            if (line.StartsWith("  ", StringComparison.Ordinal) && line.Trim().Length > 0 && previous.StartsWith("- ", StringComparison.Ordinal))
                problems.Add($"line {i + 1}: a list item wrapped onto a second line; keep each item on one line");
            if (line.StartsWith("- ", StringComparison.Ordinal) && previous.Trim().Length > 0 && !previous.StartsWith("- ", StringComparison.Ordinal))
                problems.Add($"line {i + 1}: a list that does not follow a blank line");
        }
        Assert.False(fenced, "A code fence is not closed.");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void No_page_holds_a_template_placeholder_and_every_local_link_resolves()
    {
        var problems = new List<string>();
        foreach (var path in Directory.GetFiles(DocsDirectory, "*.md"))
        {
            var text = File.ReadAllText(path);
            if (text.Contains("{{", StringComparison.Ordinal))
            {
                problems.Add($"{Path.GetFileName(path)} holds a '{{{{' placeholder.");
            }

            foreach (Match link in Regex.Matches(text, @"\]\(([^)\s#]+\.md)(#[^)]*)?\)"))
            {
                if (!File.Exists(Path.Combine(DocsDirectory, link.Groups[1].Value)))
                {
                    problems.Add($"{Path.GetFileName(path)} links to {link.Groups[1].Value}, which does not exist.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    internal static MarkdownPage Page(string cmdlet) => MarkdownPage.Load(Path.Combine(DocsDirectory, cmdlet + ".md"));

    private static void CheckParameter(ParameterMetadata parameter, Heading heading, List<string> problems)
    {
        var name = "-" + parameter.Name;
        if (heading.Prose.Length == 0)
        {
            problems.Add($"{name} has no description.");
        }

        var blocks = heading.CodeBlocks.Where(b => b.Info == "yaml").Select(b => b.YamlFields()).ToList();
        if (blocks.Count == 0)
        {
            problems.Add($"{name} has no ```yaml metadata block.");
            return;
        }

        foreach (var set in parameter.Sets)
        {
            var label = set.SetName == ModuleMetadata.AllParameterSets ? "(All)" : set.SetName;
            var yaml = blocks.FirstOrDefault(b => Field(b, "Parameter Sets").Split(',').Select(s => s.Trim()).Contains(label));
            if (yaml == null)
            {
                problems.Add($"{name}: no yaml block has 'Parameter Sets: {label}'.");
                continue;
            }

            Expect(problems, $"{name} Type", parameter.DisplayType, Field(yaml, "Type"));
            Expect(problems, $"{name} Required ({label})", set.Mandatory ? "True" : "False", Field(yaml, "Required"));
            Expect(problems, $"{name} Position ({label})", set.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Named", Field(yaml, "Position"));
            Expect(problems, $"{name} Accept pipeline input ({label})", PipelineText(set), NormalisePipeline(Field(yaml, "Accept pipeline input")));

            var enumType = ModuleMetadata.Unwrap(parameter.Type);
            if (enumType.IsEnum)
            {
                var names = enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name);
                Expect(problems, $"{name} Accepted values", string.Join(", ", names), Field(yaml, "Accepted values"));
            }
        }

        var declaredSets = parameter.Sets.Select(s => s.SetName == ModuleMetadata.AllParameterSets ? "(All)" : s.SetName).ToHashSet(StringComparer.Ordinal);
        foreach (var yaml in blocks)
        {
            foreach (var set in Field(yaml, "Parameter Sets").Split(',').Select(s => s.Trim()).Where(s => s.Length > 0))
            {
                if (!declaredSets.Contains(set))
                {
                    problems.Add($"{name}: the docs put it in set '{set}', the class does not.");
                }
            }
        }
    }

    private static string SyntaxFragment(ParameterMetadata parameter, ParameterSetMetadata set)
    {
        var value = parameter.IsSwitch ? string.Empty : $" <{parameter.DisplayType}>";
        if (set.Position.HasValue)
        {
            return set.Mandatory ? $"[-{parameter.Name}]{value}" : $"[[-{parameter.Name}]{value}]";
        }

        return set.Mandatory ? $"-{parameter.Name}{value}" : $"[-{parameter.Name}{value}]";
    }

    private static string PipelineText(ParameterSetMetadata set)
    {
        var ways = new List<string>();
        if (set.ValueFromPipelineByPropertyName)
        {
            ways.Add("ByPropertyName");
        }

        if (set.ValueFromPipeline)
        {
            ways.Add("ByValue");
        }

        return ways.Count == 0 ? "False" : $"True ({string.Join(", ", ways)})";
    }

    /// <summary>platyPS has written the two ways in either order over its versions.</summary>
    private static string NormalisePipeline(string text)
    {
        var match = Regex.Match(text, @"^True \((.+)\)$");
        return match.Success
            ? $"True ({string.Join(", ", match.Groups[1].Value.Split(',').Select(s => s.Trim()).Order(StringComparer.Ordinal))})"
            : text;
    }

    private static string Field(IReadOnlyDictionary<string, string> yaml, string key) => yaml.TryGetValue(key, out var value) ? value : "(missing)";

    private static string FrontMatter(MarkdownPage page, string key) =>
        page.FrontMatter.TryGetValue(key, out var value) ? value : "(missing)";

    private static void Expect(List<string> problems, string what, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            problems.Add($"{what}: expected '{expected}', the page says '{actual}'.");
        }
    }
}
