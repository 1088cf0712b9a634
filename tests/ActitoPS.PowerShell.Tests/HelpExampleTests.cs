using System.Management.Automation;
using System.Text.RegularExpressions;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>
/// Help whose examples run: the first ```powershell block of every "### Example N" of every cmdlet page in
/// docs/en-US runs in a fresh session against the emulator, as docs/README.md says a reader can run it, and
/// must end without an error and do something (output, a call to the emulator, or a file written).
/// A comment at the top of the code, written for the reader (docs/README.md), says otherwise:
/// "# Ends in an ActitoInvalidRow error, on purpose." (every error it writes has that id, and it writes one),
/// "# Asks for confirmation: answer Yes." (the test answers the -Confirm prompts, in order),
/// "# Needs a real Actito licence: why." and "# Not run by the tests: why." (not run here). They are comments
/// in the code rather than markup around it, so platyPS carries them into the help as they are.
/// </summary>
public sealed class HelpExampleTests : InEngineTest
{
    private static readonly Regex Heading = new(@"^### (Example (\d+)\b.*)$", RegexOptions.Multiline);
    private static readonly (Regex Pattern, string Kind)[] Markers =
    [
        (new Regex(@"^# Ends in an? (?<arg>\w+) error, on purpose\.$"), "expects-error"),
        (new Regex(@"^# Asks for confirmation: answer (?<arg>.+)\.$"), "answers"),
        (new Regex(@"^# Needs a real Actito licence: (?<arg>.+)\.$"), "needs-actito"),
        (new Regex(@"^# Not run by the tests: (?<arg>.+)\.$"), "not-run"),
    ];
    private static readonly Regex EnvironmentParameter = new(@"-Environment\s+(Api|Api1|Api3|Preprod|Test)\b");

    private readonly string _work;

    public HelpExampleTests(EmulatorFixture emulator) : base(emulator)
    {
        Emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0, EtlDurationMs = 0 });
        _work = Path.Combine(Path.GetTempPath(), "actitops-help-examples", Guid.NewGuid().ToString("N"));
        Repository.CopyDirectory(EmulatorFixture.SamplePath(string.Empty), Path.Combine(_work, "samples"));
    }

    public override void Dispose()
    {
        base.Dispose();
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static string Root => Repository.Root;

    /// <summary>One example of a page: its number, its title, its markers and its code.</summary>
    public sealed record Example(string Page, int Number, string Title, IReadOnlyList<(string Kind, string Argument)> Markers, string Code)
    {
        public string? Marked(string kind) => Markers.Where(m => m.Kind == kind).Select(m => m.Argument).FirstOrDefault();
    }

    /// <summary>Every example of every cmdlet page (about_*.md aside), in page order.</summary>
    public static IReadOnlyList<Example> AllExamples()
    {
        var examples = new List<Example>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "docs", "en-US"), "*-*.md").Order(StringComparer.Ordinal))
        {
            var page = Path.GetFileNameWithoutExtension(file);
            var text = File.ReadAllText(file).Replace("\r\n", "\n");
            var start = text.IndexOf("\n## EXAMPLES\n", StringComparison.Ordinal);
            var end = text.IndexOf("\n## PARAMETERS\n", StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"{page}.md has no '## EXAMPLES' section before '## PARAMETERS'.");
            var section = text[start..end];
            var headings = Heading.Matches(section);
            for (var i = 0; i < headings.Count; i++)
            {
                var bodyStart = headings[i].Index + headings[i].Length;
                var body = section[bodyStart..(i + 1 < headings.Count ? headings[i + 1].Index : section.Length)];
                var fence = body.IndexOf("```powershell\n", StringComparison.Ordinal);
                Assert.True(fence >= 0, $"{page}.md, {headings[i].Groups[1].Value}: no ```powershell block.");
                var codeStart = fence + "```powershell\n".Length;
                var code = body[codeStart..body.IndexOf("\n```", codeStart - 1, StringComparison.Ordinal)];
                Assert.True(body[..fence].Trim().Length == 0, $"{page}.md, {headings[i].Groups[1].Value}: text stands between the heading and the code.");
                var markers = new List<(string, string)>();
                foreach (var line in code.Split('\n').TakeWhile(l => l.StartsWith('#')))
                {
                    foreach (var (pattern, kind) in Markers)
                    {
                        var marker = pattern.Match(line.Trim());
                        if (marker.Success) markers.Add((kind, marker.Groups["arg"].Value));
                    }
                }
                examples.Add(new Example(page, int.Parse(headings[i].Groups[2].Value), headings[i].Groups[1].Value, markers, code));
            }
        }
        return examples;
    }

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var example in AllExamples()) data.Add(example.Page, example.Number);
        return data;
    }

    /// <summary>
    /// Hidden setup, per page and example: the example run first, in the same session. Every other example
    /// establishes what it uses (the sample profiles, an ETL, a subscription) itself; keep this list short.
    /// </summary>
    private static readonly Dictionary<string, int> ContinuesExample = new(StringComparer.Ordinal)
    {
        // Start-ActitoEtl Example 15 looks at the ZIP Example 14 would push: it uses that example's $etl (a
        // multi-file definition of 20 lines) and the two files it wrote into $folder, as its text says.
        ["Start-ActitoEtl/15"] = 14,
    };

    /// <summary>
    /// What every example may assume, as docs/README.md says: the session stands in for what a reader's
    /// prompt or an Automation account supplies. Get-Credential's prompt is answered with the emulator's key
    /// (the reader types it), and Get-AutomationPSCredential / Get-AutomationVariable answer as the dry run in
    /// docs/runbooks.md defines them.
    /// </summary>
    private const string StandIns = """
        function global:Get-Credential { param([string] $UserName = 'svc-actito', [string] $Message)
            [pscredential]::new($UserName, (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force)) }
        function global:Get-AutomationPSCredential { param([string] $Name)
            [pscredential]::new('svc-actito', (ConvertTo-SecureString 'local-dev-key' -AsPlainText -Force)) }
        function global:Get-AutomationVariable { param([string] $Name) @{ ActitoEntity = 'MyEntity' }[$Name] }
        """;

    [Fact]
    public void The_pages_hold_the_examples_and_every_marker_is_known()
    {
        var examples = AllExamples();
        Assert.True(examples.Count >= 100, $"Only {examples.Count} examples found.");
        Assert.Equal(26, examples.Select(e => e.Page).Distinct().Count());
        foreach (var example in examples)
        {
            foreach (var (kind, argument) in example.Markers)
            {
                Assert.True(kind is "expects-error" or "answers" or "needs-actito" or "not-run", $"{example.Page} {example.Title}: unknown marker '{kind}'.");
                Assert.True(argument.Length > 0, $"{example.Page} {example.Title}: the marker '{kind}' needs {(kind == "expects-error" ? "an error id" : kind == "answers" ? "the answers" : "a reason")}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_runs_against_the_emulator(string page, int number)
    {
        var example = AllExamples().Single(e => e.Page == page && e.Number == number);
        if (example.Marked("needs-actito") != null || example.Marked("not-run") != null) return;

        // The emulator of the docs listens on http://127.0.0.1:5080; this one on a free port. -Environment
        // (a real Actito) becomes this emulator too: the key is the emulator's, given by the stand-ins.
        var code = example.Code.Replace("http://127.0.0.1:5080", Emulator.BaseUri, StringComparison.Ordinal);
        code = EnvironmentParameter.Replace(code, "-BaseUri " + Emulator.BaseUri);

        Session.Run(StandIns).AssertClean();
        Session.Run($"Set-Location -LiteralPath '{_work}'").AssertClean();
        // The docs' convention: an example that does not connect runs in a session connected to the emulator.
        if (!Regex.IsMatch(example.Code, @"(?<![\w-])Connect-Actito(?![\w-])")) Connect("-CallsPerMinute 0");
        if (ContinuesExample.TryGetValue($"{page}/{number}", out var previous))
            Session.Run(AllExamples().Single(e => e.Page == page && e.Number == previous).Code.Replace("http://127.0.0.1:5080", Emulator.BaseUri, StringComparison.Ordinal)).AssertClean();
        Emulator.Admin.ClearRequestLog();

        var answers = example.Marked("answers");
        if (answers != null) Session.UI.Answer([.. answers.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ConfirmAnswer>)]);
        var filesBefore = Snapshot();

        var result = Session.Run(code);

        var what = $"{page}.md, {example.Title}:\n{example.Code}\n";
        var errors = result.Errors.ToList();
        if (result.Terminated is IContainsErrorRecord terminating) errors.Add(terminating.ErrorRecord);
        var expected = example.Marked("expects-error");
        if (expected == null)
        {
            var problems = result.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}").ToList();
            if (result.Terminated != null) problems.Add("terminated: " + result.Terminated);
            Assert.True(problems.Count == 0, what + "It failed:\n" + string.Join("\n", problems));
        }
        else
        {
            Assert.True(errors.Count > 0 || result.Terminated != null, what + $"It was marked to fail with {expected}, and wrote no error.");
            Assert.True(result.Terminated == null || result.Terminated is IContainsErrorRecord, what + "It ended with " + result.Terminated);
            foreach (var error in errors)
                Assert.True(error.FullyQualifiedErrorId.StartsWith(expected, StringComparison.Ordinal), what + $"Expected only {expected} errors; got {error.FullyQualifiedErrorId}: {error}");
        }
        Assert.True(Session.UI.UnusedAnswers == 0, what + $"{Session.UI.UnusedAnswers} answer(s) to a prompt were not asked for.");

        // Not a no-op: it wrote output, or called the emulator, or wrote a file in the working folder.
        var calls = Emulator.Admin.GetRequestLog().Count;
        var filesChanged = !Snapshot().SequenceEqual(filesBefore);
        Assert.True(result.Output.Count > 0 || calls > 0 || filesChanged || Session.UI.Warnings.Count > 0 || result.Warnings.Count > 0,
            what + "It wrote nothing, called nothing and saved nothing.");
    }

    private List<string> Snapshot() =>
        [.. Directory.GetFiles(_work, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => f + "|" + new FileInfo(f).Length + "|" + File.GetLastWriteTimeUtc(f).Ticks)];

}
