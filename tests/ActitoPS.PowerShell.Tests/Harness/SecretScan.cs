using System.Collections;
using System.Management.Automation;

namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>Searches everything a user could see or keep of a run for secrets: the API key and every token issued.</summary>
public sealed class SecretScan
{
    private readonly List<(string Where, string Text)> _texts = [];

    public int Places => _texts.Count;

    public SecretScan Add(string where, string? text)
    {
        if (!string.IsNullOrEmpty(text)) _texts.Add((where, text));
        return this;
    }

    /// <summary>Every stream of a script, each record's text and properties, and what its host showed.</summary>
    public SecretScan Add(string where, ScriptResult result, RecordingHostUI ui)
    {
        for (var i = 0; i < result.Output.Count; i++) AddObject($"{where} output[{i}]", result.Output[i], depth: 0);
        foreach (var error in result.Errors.Concat(result.Terminated is IContainsErrorRecord t ? [t.ErrorRecord] : []))
        {
            Add($"{where} error", error.ToString());
            Add($"{where} error exception", error.Exception.ToString());
            Add($"{where} error details", error.ErrorDetails?.Message);
            Add($"{where} error recommended action", error.ErrorDetails?.RecommendedAction);
            Add($"{where} error id", error.FullyQualifiedErrorId);
            Add($"{where} error category", error.CategoryInfo.ToString());
            AddObject($"{where} error target", error.TargetObject, depth: 0);
        }
        Add($"{where} terminated", result.Terminated?.ToString());
        foreach (var warning in result.Warnings) Add($"{where} warning", warning.Message);
        foreach (var verbose in result.Verbose) Add($"{where} verbose", verbose.Message);
        foreach (var debug in result.Debug) Add($"{where} debug", debug.Message);
        foreach (var information in result.Information) Add($"{where} information", information.MessageData?.ToString());
        foreach (var progress in result.Progress) Add($"{where} progress", $"{progress.Activity} {progress.StatusDescription} {progress.CurrentOperation}");
        Add($"{where} host", ui.AllText);
        return this;
    }

    /// <summary>Files changed since <paramref name="since"/> under a folder (the module's own, or the temp folder).</summary>
    public SecretScan AddFilesWrittenSince(string folder, DateTime since, Func<string, bool>? include = null)
    {
        if (!Directory.Exists(folder)) return this;
        foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            try
            {
                var info = new FileInfo(file);
                if (info.LastWriteTimeUtc < since || info.Length > 50_000_000 || (include != null && !include(file))) continue;
                Add("file " + file, File.ReadAllText(file));
            }
            catch (IOException)
            {
                // A file another process holds or removed meanwhile is not the module's.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return this;
    }

    public void AssertNoHit(IEnumerable<string> secrets)
    {
        var wanted = secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();
        Assert.NotEmpty(wanted);
        var hits = (from text in _texts
                    from secret in wanted
                    where text.Text.Contains(secret, StringComparison.Ordinal)
                    select $"{text.Where}: '{secret[..Math.Min(6, secret.Length)]}…'").ToList();
        Assert.True(hits.Count == 0, "Secrets found:\n" + string.Join("\n", hits));
    }

    private void AddObject(string where, object? value, int depth)
    {
        if (value == null || depth > 3) return;
        if (value is PSObject wrapped)
        {
            Add(where, wrapped.ToString());
            foreach (var property in wrapped.Properties)
            {
                object? inner;
                try
                {
                    inner = property.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }
                AddObject($"{where}.{property.Name}", inner, depth + 1);
            }
            return;
        }
        Add(where, value.ToString());
        switch (value)
        {
            case string:
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary) AddObject($"{where}[{entry.Key}]", entry.Value, depth + 1);
                return;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list) AddObject($"{where}[{i++}]", item, depth + 1);
                return;
            default:
                if (value.GetType().IsPrimitive || value is DateTime or DateTimeOffset or Uri or decimal) return;
                AddObject(where, PSObject.AsPSObject(value), depth + 1);
                return;
        }
    }
}
