namespace ActitoPS.Module.Tests;

/// <summary>What the README, the help pages and the scripts tell a user, against what the module does.</summary>
public class RepositoryTextTests
{
    [Fact]
    public void The_README_sets_up_with_exactly_the_two_commands()
    {
        var page = MarkdownPage.Load(Repo.PathOf("README.md"));
        var setUp = page.Find(2, "Set up");
        Assert.True(setUp != null, "README.md has no '## Set up' section.");

        var commands = setUp!.CodeBlocks
            .SelectMany(b => b.Code.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        Assert.Equal(["pwsh ./build.ps1", "dotnet test"], commands);
    }

    [Fact]
    public void The_README_quick_start_is_what_build_ps1_Demo_runs()
    {
        // build.ps1 echoes and runs its quick-start lines; the README must show the same ones.
        var build = Repo.ReadText("build.ps1");
        var block = Regex.Match(build, @"\$quickStart = @\((?<lines>.*?)\n\s*\)", RegexOptions.Singleline);
        Assert.True(block.Success, "build.ps1 has no '$quickStart = @(...)' block.");
        var lines = Regex.Matches(block.Groups["lines"].Value, @"^\s*(?:""(?<d>[^""\n]*)""|'(?<s>[^'\n]*)')\s*$", RegexOptions.Multiline)
            .Select(m => m.Groups["d"].Success ? m.Groups["d"].Value.Replace("$($emulator.BaseUri)", "http://127.0.0.1:5080") : m.Groups["s"].Value)
            .ToList();
        var readme = Repo.ReadText("README.md");

        Assert.True(lines.Count >= 2, "build.ps1's quick start has fewer than two lines.");
        Assert.All(lines, line => Assert.True(readme.Contains(line, StringComparison.Ordinal), $"README.md does not show the quick-start line: {line}"));
    }

    [Fact]
    public void Every_Actito_command_named_in_the_repository_texts_is_an_exported_cmdlet()
    {
        // Claims about a cmdlet that does not exist are the first thing a new user trips on.
        var exported = Manifest.ExportedCmdlets.ToHashSet(StringComparer.Ordinal);
        var files = TextFiles().ToList();
        var helpers = files.Where(f => f.EndsWith(".ps1", StringComparison.Ordinal))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"^\s*function\s+([\w-]+)", RegexOptions.Multiline | RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();

        foreach (var file in files)
        {
            foreach (Match name in Regex.Matches(File.ReadAllText(file), @"(?<![\w-])[A-Z][a-z]+-Actito\w*"))
            {
                if (!exported.Contains(name.Value) && !helpers.Contains(name.Value))
                {
                    problems.Add($"{Repo.Relative(file)} names {name.Value}, which ActitoPS does not export.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void Examples_never_show_a_key_other_than_the_emulators()
    {
        // Copied examples end up in runbooks: the only literal key anywhere is the emulator's.
        var literalKey = new Regex(@"ConvertTo-SecureString\s+(?:-String\s+)?(?:'(?<key>[^']*)'|""(?<key>[^""]*)"")", RegexOptions.IgnoreCase);
        var environmentKey = new Regex(@"\$env:ACTITO_API_KEY\s*=\s*(?:'(?<key>[^']*)'|""(?<key>[^""]*)"")", RegexOptions.IgnoreCase);
        var problems = new List<string>();
        var checkedKeys = 0;

        foreach (var file in TextFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match match in literalKey.Matches(text).Concat(environmentKey.Matches(text)))
            {
                checkedKeys++;
                if (match.Groups["key"].Value != "local-dev-key")
                {
                    problems.Add($"{Repo.Relative(file)}: '{match.Value}'");
                }
            }

            if (Regex.IsMatch(text, @"Bearer\s+ey[A-Za-z0-9_-]{10,}"))
            {
                problems.Add($"{Repo.Relative(file)} shows a bearer token.");
            }
        }

        Assert.True(checkedKeys > 0, "No example passes a key at all: the pattern above no longer matches how the docs pass one.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Scripts_manifest_and_help_sources_are_ASCII()
    {
        // Windows PowerShell 5.1 reads a .ps1/.psd1 without a BOM in the system code page (and platyPS may read
        // the help sources the same way): one 'é' would turn into two wrong characters, or break a string.
        var files = new[] { Repo.PathOf("ActitoPS.psd1") }
            .Concat(TextFiles().Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)))
            .ToList();

        var offending = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => l.Text.Any(c => c > 127))
            .Select(l => $"{Repo.Relative(l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(files.Count > 4, "Fewer files than expected were checked.");
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    private static IEnumerable<string> TextFiles()
    {
        yield return Repo.PathOf("README.md");
        yield return Repo.PathOf("build.ps1");
        foreach (var file in Directory.GetFiles(Repo.PathOf("docs", "en-US"), "*.md"))
        {
            yield return file;
        }

        foreach (var file in Directory.GetFiles(Repo.PathOf("tests", "pester"), "*.ps1"))
        {
            yield return file;
        }
    }

    [Fact]
    public void No_cmdlet_reads_from_the_host_so_an_unattended_runbook_never_waits_on_a_prompt()
    {
        // ShouldProcess (-Confirm) is the only question a cmdlet may ask; $ConfirmPreference None in a runbook silences it.
        var offending = Directory.GetFiles(Repo.PathOf("src", "ActitoPS"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Repo.PathOf("src", "ActitoPS.Core"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => Regex.IsMatch(l.Text, @"\b(PromptForChoice|PromptForCredential|ShouldContinue|ReadLine|ReadLineAsSecureString|Console\.Read)\b"))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }
}
