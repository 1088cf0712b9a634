namespace ActitoPS.Module.Tests.Infrastructure;

/// <summary>
/// A markdown page split the way platyPS reads one: YAML front matter, then headings, each with the
/// lines up to the next heading. Lines inside ``` fences never count as headings.
/// </summary>
internal sealed class MarkdownPage
{
    private MarkdownPage(string path, string text, IReadOnlyDictionary<string, string> frontMatter, IReadOnlyList<Heading> headings)
    {
        Path = path;
        Text = text;
        FrontMatter = frontMatter;
        Headings = headings;
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>Keys as written, values trimmed; empty when the page has no front matter.</summary>
    public IReadOnlyDictionary<string, string> FrontMatter { get; }

    public IReadOnlyList<Heading> Headings { get; }

    public static MarkdownPage Load(string path)
    {
        Assert.True(File.Exists(path), $"{Repo.Relative(path)} does not exist.");
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        var lines = text.Split('\n');
        var index = 0;
        var frontMatter = new Dictionary<string, string>(StringComparer.Ordinal);
        if (lines.Length > 0 && lines[0] == "---")
        {
            index = 1;
            while (index < lines.Length && lines[index] != "---")
            {
                var colon = lines[index].IndexOf(':');
                if (colon > 0)
                {
                    frontMatter[lines[index][..colon].Trim()] = lines[index][(colon + 1)..].Trim();
                }

                index++;
            }

            index++;
        }

        var headings = new List<Heading>();
        List<string>? body = null;
        var inFence = false;
        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            var match = inFence ? Match.Empty : HeadingPattern.Match(line);
            if (match.Success)
            {
                body = [];
                headings.Add(new Heading(match.Groups[1].Length, match.Groups[2].Value.Trim(), body));
                continue;
            }

            body?.Add(line);
        }

        return new MarkdownPage(path, text, frontMatter, headings);
    }

    public Heading? Find(int level, string title) =>
        Headings.FirstOrDefault(h => h.Level == level && string.Equals(h.Title, title, StringComparison.Ordinal));

    /// <summary>The headings of one level below a given heading, up to the next heading of its level or higher.</summary>
    public IReadOnlyList<Heading> Children(Heading parent)
    {
        var start = Headings.ToList().IndexOf(parent);
        var children = new List<Heading>();
        for (var i = start + 1; i < Headings.Count && Headings[i].Level > parent.Level; i++)
        {
            if (Headings[i].Level == parent.Level + 1)
            {
                children.Add(Headings[i]);
            }
        }

        return children;
    }

    private static readonly Regex HeadingPattern = new(@"^(#{1,6})\s+(.+?)\s*#*\s*$", RegexOptions.CultureInvariant);
}

internal sealed record Heading(int Level, string Title, IReadOnlyList<string> Body)
{
    /// <summary>The text outside code fences, blank lines dropped.</summary>
    public string Prose => string.Join("\n", ProseLines());

    public IReadOnlyList<CodeBlock> CodeBlocks
    {
        get
        {
            var blocks = new List<CodeBlock>();
            string? info = null;
            var code = new List<string>();
            foreach (var line in Body)
            {
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    if (info == null)
                    {
                        info = trimmed[3..].Trim();
                        code.Clear();
                    }
                    else
                    {
                        blocks.Add(new CodeBlock(info, string.Join("\n", code)));
                        info = null;
                    }

                    continue;
                }

                if (info != null)
                {
                    code.Add(line);
                }
            }

            Assert.True(info == null, $"A ``` fence under heading '{Title}' is never closed.");
            return blocks;
        }
    }

    private IEnumerable<string> ProseLines()
    {
        var inFence = false;
        foreach (var line in Body)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence && line.Trim().Length > 0)
            {
                yield return line.Trim();
            }
        }
    }
}

internal sealed record CodeBlock(string Info, string Code)
{
    /// <summary>platyPS writes each parameter's metadata as "Key: value" lines in a yaml block.</summary>
    public IReadOnlyDictionary<string, string> YamlFields()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Code.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return fields;
    }
}
