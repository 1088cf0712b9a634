using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>
/// A model of what platyPS 0.14 (`New-ExternalHelp`, the converter build.ps1 -Task Docs runs) makes of a cmdlet
/// page, so that the help Get-Help shows can be read in a test without platyPS, which is not on this machine.
/// It follows the rules of platyPS's own parser and transformer (schema 2.0.0, full parsing mode), including the
/// ones that surprise a writer of markdown:
/// <list type="bullet">
/// <item>Only headings, code fences and inline spans (bold, italic, links) cut the text: a blank line does not
/// start a new paragraph node (platyPS's soft-break and paragraph patterns never match), so a section's prose is
/// one paragraph.</item>
/// <item>Inside it, a single line break becomes a space and a blank line a new maml:para. A line keeps its own
/// line only when it and the line before both start with "- ", "* " or "--": a list item that wraps onto a
/// second line joins the next item to it.</item>
/// <item>`*x*`, `**x**`, `_x_` and `__x__` are emphasis whose markers are dropped, even around `$_` or a
/// wildcard; a link is written "text (uri)".</item>
/// <item>Each pattern is looked for at most 10,000 characters ahead: a section of plain prose longer than that
/// swallows the rest of the page, headings and all, without an error.</item>
/// <item>SYNOPSIS, DESCRIPTION, NOTES, INPUTS and OUTPUTS take one paragraph: a code block there is a schema
/// error. An example is an introduction, its code blocks, then one paragraph of remarks; a code block after
/// the remarks is a schema error. A parameter's description may hold code blocks other than yaml.</item>
/// </list>
/// What it writes is MAML as PowerShell reads it; the element layout follows the MAML command schema. Checked
/// once (2026-12-02) against platyPS 0.14's own Markdown.MAML converter, rebuilt from its source outside this
/// repository: on the 26 cmdlet pages, every synopsis, description, parameter, example, note, input, output,
/// syntax item and link came out the same.
/// </summary>
public static class PlatyPsMaml
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly string[] YamlKeys =
        ["Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
         "Accept pipeline input", "Accept wildcard characters", "Applicable"];

    /// <summary>A page that platyPS would refuse, with where and why.</summary>
    public sealed class SchemaException(string page, int line, string message)
        : Exception($"{Path.GetFileName(page)}, line {line}: {message}")
    {
        public int Line { get; } = line;
    }

    public abstract record Node(int Line);

    public sealed record Heading(int Level, string Text, int Line) : Node(Line);

    public sealed record CodeBlock(string Language, string Text, int Line) : Node(Line);

    /// <summary>A paragraph node: its text as platyPS assembles it from its spans.</summary>
    public sealed record Paragraph(string Text, int Line) : Node(Line);

    public sealed record Parameter(string Name, string Description, IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<string> Sets);

    public sealed record Example(string Title, string Code, string Remarks);

    public sealed record TypeEntry(string Name, string Description);

    public sealed record CommandHelp(
        string Name, string Synopsis, string Description, IReadOnlyList<Parameter> Parameters,
        IReadOnlyList<TypeEntry> Inputs, IReadOnlyList<TypeEntry> Outputs, string Notes,
        IReadOnlyList<Example> Examples, IReadOnlyList<(string Text, string Uri)> Links);

    /// <summary>The MAML file of the given pages' help, as New-ExternalHelp writes ActitoPS.dll-Help.xml.</summary>
    public static XDocument ToMaml(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement("helpItems", new XAttribute("schema", "maml"), commands.Select(ToCommandElement)));

    public static CommandHelp Read(string pagePath) => Transform(pagePath, Parse(pagePath, File.ReadAllText(pagePath)));

    public static CommandHelp ReadText(string name, string markdown) => Transform(name, Parse(name, markdown));

    // ---- Parsing: the nearest match of a list of patterns, the text before it a plain span ----

    private sealed record Pattern(string Name, Regex Regex);

    // platyPS compiles its patterns with IgnorePatternWhitespace; its soft-break and new-paragraph patterns are
    // written "(\r\n){{1}}" and "(\r\n){{2,}}", which that engine reads as the literal text "\r\n{}" and never
    // matches, so they are left out here.
    private static readonly Pattern[] Patterns =
    [
        new("hash_header", Compile(@"(\#+)[ ]*(.+?)[ ]*\#*(\r\n)+")),
        new("hash_header2", Compile(@"(\r\n)+(\#+)[ ]*(.+?)[ ]*\#*(\r\n)+")),
        new("underline_header", Compile(@"(.+?)[ ]*\r\n(==+|--+)[ ]*(\r\n)+")),
        new("tick_codeblock", Compile(@"```(\w*)(\r\n)*((.|\r\n)*?)```(\r\n)*")),
        new("hardbreak", Compile(@"[ ]{2}\r\n")),
        new("hyperlink", Compile(@"\[(.+?)\]\((.*)\)")),
        new("bold", Compile(@"\*\*(.+?)\*\*")),
        new("italic", Compile(@"\*(.+?)\*")),
        new("bold2", Compile(@"(?<![a-zA-Z0-9])__(.+?)__(?![a-zA-Z0-9])")),
        new("italic2", Compile(@"(?<![a-zA-Z0-9])_(.+?)_(?![a-zA-Z0-9])")),
    ];

    private const int LookAhead = 10000;

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.IgnorePatternWhitespace);

    private enum SpanKind { Text, Emphasis, Link, HardBreak }

    private sealed record Span(SpanKind Kind, string Text, string Uri = "");

    public static IReadOnlyList<Node> Parse(string page, string markdown)
    {
        var text = Regex.Replace(markdown.TrimStart().Replace('–', '-'), "\r\n?|\n", "\r\n");
        var lineOffset = 0;
        if (text.StartsWith("---\r\n", StringComparison.Ordinal))
        {
            var end = text.IndexOf("\r\n---", 5, StringComparison.Ordinal);
            if (end >= 0)
            {
                var rest = text[(end + 5)..];
                var trimmed = rest.TrimStart();
                lineOffset = CountLines(text[..(end + 5)]) + CountLines(rest[..(rest.Length - trimmed.Length)]);
                text = trimmed;
            }
        }

        var nodes = new List<Node>();
        List<Span>? spans = null;
        var spansLine = 0;
        void Finish()
        {
            if (spans is { Count: > 0 }) nodes.Add(new Paragraph(JoinSpans(spans), spansLine));
            spans = null;
        }
        void AddSpan(Span span, int at)
        {
            if (spans == null) { spans = []; spansLine = LineAt(at); }
            spans.Add(span);
        }
        int LineAt(int offset) => lineOffset + CountLines(text[..offset]) + 1;

        var start = 0;
        while (start < text.Length)
        {
            Match? first = null;
            Pattern? firstPattern = null;
            foreach (var pattern in Patterns)
            {
                if (pattern.Name == "hash_header" && text[start] != '#') continue;
                // platyPS looks at most 10,000 characters ahead for each pattern: past a longer stretch without a
                // heading, code block, link or emphasis, the rest of the page is one paragraph of raw text.
                var match = pattern.Regex.Match(text, start, Math.Min(text.Length - start, LookAhead));
                if (match.Success && (first == null || first.Index > match.Index))
                {
                    first = match;
                    firstPattern = pattern;
                    if (match.Index == start) break;
                }
            }
            var plainEnd = first?.Index ?? text.Length;
            if (plainEnd > start && !string.IsNullOrWhiteSpace(text[start..plainEnd]))
            {
                AddSpan(new Span(SpanKind.Text, Unwind(text[start..plainEnd].Trim())), start);
            }
            if (first == null) break;

            var line = LineAt(first.Index);
            switch (firstPattern!.Name)
            {
                case "hash_header":
                    Finish();
                    nodes.Add(new Heading(first.Groups[1].Length, first.Groups[2].Value, line));
                    break;
                case "hash_header2":
                    Finish();
                    nodes.Add(new Heading(first.Groups[2].Length, first.Groups[3].Value, line + first.Groups[1].Captures.Count));
                    break;
                case "underline_header":
                    Finish();
                    nodes.Add(new Heading(first.Groups[2].Value[0] == '=' ? 1 : 2, first.Groups[1].Value, line));
                    break;
                case "tick_codeblock":
                    Finish();
                    nodes.Add(new CodeBlock(first.Groups[1].Value, first.Groups[3].Value, line));
                    break;
                case "hardbreak":
                    AddSpan(new Span(SpanKind.HardBreak, "\r\n"), first.Index);
                    break;
                case "hyperlink":
                    AddSpan(new Span(SpanKind.Link, Unwind(first.Groups[1].Value.Trim()), first.Groups[2].Value), first.Index);
                    break;
                default:
                    AddSpan(new Span(SpanKind.Emphasis, Unwind(first.Groups[1].Value.Trim())), first.Index);
                    break;
            }
            start = first.Index + first.Length;
        }
        Finish();
        return nodes;
    }

    private static int CountLines(string text) => text.Count(c => c == '\n');

    /// <summary>A span's text: escapes undone, line breaks turned into spaces but for lists and blank lines.</summary>
    private static string Unwind(string span)
    {
        span = span.Replace(@"\[", "[").Replace(@"\]", "]").Replace(@"\(", "(").Replace(@"\)", ")")
            .Replace(@"\`", "`").Replace(@"\<", "<").Replace(@"\>", ">").Replace(@"\_", "_").Replace(@"\*", "*")
            .Replace(@"\\", @"\");
        var previous = "foo";
        var inList = false;
        var unwound = Regex.Replace(span, "([^\r\n]*)(\r\n|$)", match =>
        {
            var before = previous;
            var line = match.Groups[1].Value;
            previous = line;
            if (string.IsNullOrWhiteSpace(line)) return "\r\n";
            if (HasListPrefix(before) && HasListPrefix(line))
            {
                inList = true;
                return "\r\n" + line;
            }
            if (inList)
            {
                inList = false;
                line = "\r\n" + line;
            }
            return line + " ";
        });
        return unwound.Replace(" \r\n", "\r\n").Trim();
    }

    private static bool HasListPrefix(string line) =>
        line.Length >= 2 && (line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal));

    private static string JoinSpans(IReadOnlyList<Span> spans)
    {
        var text = new StringBuilder();
        var previousSpecial = false;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            var special = span.Kind is SpanKind.Link or SpanKind.Emphasis;
            if ((i > 0 && special) || previousSpecial) text.Append(' ');
            text.Append(span.Text);
            previousSpecial = special;
            if (span.Kind == SpanKind.Link && !string.IsNullOrWhiteSpace(span.Uri))
            {
                text.Append(" (").Append(span.Uri).Append(')');
                previousSpecial = false;
            }
        }
        return text.ToString();
    }

    // ---- Transforming: the schema 2.0.0 grammar, a node at a time ----

    private sealed class Cursor(string page, IReadOnlyList<Node> nodes)
    {
        private int _next;

        public string Page { get; } = page;

        public Node? Peek() => _next < nodes.Count ? nodes[_next] : null;

        public Node? Next() => _next < nodes.Count ? nodes[_next++] : null;

        public SchemaException Error(Node? node, string message) => new(Page, node?.Line ?? 0, message);

        /// <summary>The next heading of the level, null at a higher one (left for the caller); an error otherwise.</summary>
        public Heading? HeadingOf(int level)
        {
            var node = Peek();
            if (node == null) return null;
            if (node is not Heading heading) throw Error(node, $"a {Describe(node)} where platyPS expects a heading");
            if (heading.Level < level) return null;
            if (heading.Level != level) throw Error(node, $"a level {heading.Level} heading where platyPS expects level {level}");
            _next++;
            return heading;
        }

        public string? ParagraphText() => Peek() is Paragraph paragraph ? ((Paragraph)Next()!).Text : null;

        private static string Describe(Node node) => node switch
        {
            CodeBlock code => $"code block ({(code.Language.Length == 0 ? "no language" : code.Language)})",
            Paragraph paragraph => $"paragraph (\"{Shorten(paragraph.Text)}\")",
            _ => node.GetType().Name,
        };

        private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
    }

    private static CommandHelp Transform(string page, IReadOnlyList<Node> nodes)
    {
        var cursor = new Cursor(page, nodes);
        var title = cursor.HeadingOf(1) ?? throw cursor.Error(cursor.Peek(), "the page does not start with a level 1 heading");
        string synopsis = "", description = "", notes = "";
        var parameters = new List<Parameter>();
        var inputs = new List<TypeEntry>();
        var outputs = new List<TypeEntry>();
        var examples = new List<Example>();
        var links = new List<(string, string)>();

        while (cursor.HeadingOf(2) is { } section)
        {
            switch (section.Text.ToUpperInvariant())
            {
                case "SYNOPSIS": synopsis = cursor.ParagraphText() ?? ""; break;
                case "DESCRIPTION": description = cursor.ParagraphText() ?? ""; break;
                case "NOTES": notes = cursor.ParagraphText() ?? ""; break;
                case "SYNTAX":
                    while (cursor.Peek() is CodeBlock || cursor.HeadingOf(3) != null)
                    {
                        if (cursor.Peek() is CodeBlock) cursor.Next();
                    }
                    break;
                case "EXAMPLES":
                    while (cursor.HeadingOf(3) is { } heading)
                    {
                        var introduction = cursor.ParagraphText() ?? "";
                        var code = new List<string>();
                        while (cursor.Peek() is CodeBlock) code.Add(((CodeBlock)cursor.Next()!).Text);
                        var remarks = cursor.ParagraphText() ?? "";
                        examples.Add(new Example(heading.Text, string.Join("\r\n\r\n", code).TrimEnd(),
                            string.Join("\r\n\r\n", new[] { introduction, remarks }.Where(t => t.Length > 0))));
                    }
                    break;
                case "PARAMETERS":
                    while (cursor.HeadingOf(3) is { } heading) ReadParameter(cursor, heading, parameters);
                    break;
                case "INPUTS":
                    while (cursor.HeadingOf(3) is { } heading) inputs.Add(new TypeEntry(heading.Text, cursor.ParagraphText() ?? ""));
                    break;
                case "OUTPUTS":
                    while (cursor.HeadingOf(3) is { } heading) outputs.Add(new TypeEntry(heading.Text, cursor.ParagraphText() ?? ""));
                    break;
                case "RELATED LINKS":
                    // Only links may stand here; the parser made them "text (uri)" already, so the page is read again.
                    if (cursor.Peek() is Paragraph) links.AddRange(RelatedLinks(cursor, (Paragraph)cursor.Next()!));
                    break;
                default:
                    throw cursor.Error(section, $"a section platyPS does not know: '{section.Text}'");
            }
        }
        if (cursor.Peek() is { } left) throw cursor.Error(left, "text after the last section");
        return new CommandHelp(title.Text, synopsis, description, parameters, inputs, outputs, notes, examples, links);
    }

    private static void ReadParameter(Cursor cursor, Heading heading, List<Parameter> parameters)
    {
        var name = heading.Text.StartsWith('-') ? heading.Text[1..] : heading.Text;
        var description = new List<string>();
        while (true)
        {
            if (cursor.Peek() is Paragraph) description.Add(((Paragraph)cursor.Next()!).Text);
            else if (cursor.Peek() is CodeBlock code && !string.Equals(code.Language, "yaml", StringComparison.OrdinalIgnoreCase))
            {
                description.Add(((CodeBlock)cursor.Next()!).Text);
            }
            else break;
        }
        if (string.Equals(name, "CommonParameters", StringComparison.OrdinalIgnoreCase)) return;

        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sets = new List<string>();
        while (cursor.Peek() is CodeBlock yaml)
        {
            cursor.Next();
            foreach (var raw in yaml.Text.Split("\r\n"))
            {
                var line = raw.Trim();
                if (line.Length == 0) continue;
                var colon = line.IndexOf(':');
                if (colon < 0) throw cursor.Error(yaml, $"-{name}: a yaml line that is not 'Key: value': '{line}'");
                var key = line[..colon].Trim();
                if (!YamlKeys.Contains(key, StringComparer.OrdinalIgnoreCase)) throw cursor.Error(yaml, $"-{name}: an unknown yaml key '{key}'");
                var value = line[(colon + 1)..].Trim();
                if (value.Length > 0) metadata[key] = value;
            }
            sets.AddRange(metadata.TryGetValue("Parameter Sets", out var names)
                ? names.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0)
                : ["(All)"]);
        }
        parameters.Add(new Parameter(name, string.Join("\r\n\r\n", description), metadata, sets.Distinct().ToList()));
    }

    private static IEnumerable<(string, string)> RelatedLinks(Cursor cursor, Paragraph paragraph)
    {
        var rest = Regex.Replace(paragraph.Text, @"\S+ \((https?://[^)\s]*|[^)\s]*)\)", "");
        if (rest.Trim().Length > 0) throw cursor.Error(paragraph, $"RELATED LINKS holds text that is not a link: '{rest.Trim()}'");
        foreach (Match link in Regex.Matches(paragraph.Text, @"(\S+) \(([^)\s]*)\)")) yield return (link.Groups[1].Value, link.Groups[2].Value);
    }

    // ---- Writing MAML ----

    private static IEnumerable<XElement> Paras(string body) =>
        body.Split("\r\n").Select(line => new XElement(Maml + "para", line));

    private static XElement ToCommandElement(CommandHelp help)
    {
        var verbNoun = help.Name.Split('-', 2);
        var element = new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", verbNoun[0]),
                new XElement(Command + "noun", verbNoun.Length > 1 ? verbNoun[1] : ""),
                new XElement(Maml + "description", Paras(help.Synopsis))),
            new XElement(Maml + "description", Paras(help.Description)),
            new XElement(Command + "syntax", SyntaxItems(help)),
            new XElement(Command + "parameters", help.Parameters.Select(p => ParameterElement(p, inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(i => TypeElement("inputType", i))),
            new XElement(Command + "returnValues", help.Outputs.Select(o => TypeElement("returnValue", o))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(e => new XElement(Command + "example",
                new XElement(Maml + "title", PadTitle(e.Title)),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", Paras(e.Remarks))))),
            // PowerShell's help engine wants an absolute address or none: a page link keeps its text only.
            new XElement(Command + "relatedLinks", help.Links.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", Uri.TryCreate(l.Uri, UriKind.Absolute, out _) ? l.Uri : "")))));
        return element;
    }

    /// <summary>An example's title centred in dashes to 64 characters; one of 62 or more stays bare.</summary>
    private static string PadTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length >= 62) return title;
        var dashes = new string('-', (64 - title.Length - 2) / 2);
        return $"{dashes} {title} {dashes}";
    }

    private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
    {
        var setNames = help.Parameters.SelectMany(p => p.Sets).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var named = setNames.Where(s => s != "(All)").ToList();
        foreach (var set in named.Count == 0 ? ["(All)"] : named)
        {
            var members = help.Parameters
                .Where(p => p.Sets.Contains(set, StringComparer.OrdinalIgnoreCase) || p.Sets.SequenceEqual(["(All)"]))
                .OrderBy(p => p.Metadata.GetValueOrDefault("Position", "named"), StringComparer.Ordinal);
            yield return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", help.Name),
                members.Select(p => ParameterElement(p, inSyntax: true)));
        }
    }

    private static XElement ParameterElement(Parameter parameter, bool inSyntax)
    {
        var type = parameter.Metadata.GetValueOrDefault("Type", "");
        var mamlType = string.Equals(type, "switch", StringComparison.OrdinalIgnoreCase) ? "SwitchParameter" : type;
        var isSwitch = mamlType == "SwitchParameter";
        var element = new XElement(Command + "parameter",
            new XAttribute("required", IsTrue(parameter.Metadata.GetValueOrDefault("Required")) ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", IsTrue(parameter.Metadata.GetValueOrDefault("Accept wildcard characters")) ? "true" : "false"),
            new XAttribute("pipelineInput", parameter.Metadata.GetValueOrDefault("Accept pipeline input", "False")),
            new XAttribute("position", parameter.Metadata.GetValueOrDefault("Position", "named").ToLowerInvariant()),
            new XAttribute("aliases", parameter.Metadata.GetValueOrDefault("Aliases", "none")),
            new XElement(Maml + "name", parameter.Name),
            new XElement(Maml + "description", Paras(parameter.Description)));
        if (!inSyntax || !isSwitch)
        {
            element.Add(new XElement(Command + "parameterValue",
                new XAttribute("required", isSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), mamlType));
        }
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", mamlType), new XElement(Maml + "uri")));
        element.Add(new XElement(Dev + "defaultValue", parameter.Metadata.GetValueOrDefault("Default value", "None")));
        return element;
    }

    private static XElement TypeElement(string kind, TypeEntry entry) =>
        new(Command + kind,
            new XElement(Dev + "type", new XElement(Maml + "name", entry.Name)),
            new XElement(Maml + "description", Paras(entry.Description)));

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
