using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>The answers a user can give to a -Confirm prompt.</summary>
public enum ConfirmAnswer
{
    Yes,
    YesToAll,
    No,
    NoToAll,
}

/// <summary>
/// A PowerShell host that keeps what a user would see: the lines Out-Default writes at a set width,
/// progress, verbose, warning, debug, error and information lines; and answers -Confirm prompts from a
/// queue the test fills. A prompt with no answer queued fails the test rather than hanging.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingHostUI _ui;

    private readonly CultureInfo _culture;

    /// <param name="culture">The session's culture, as a user's console has it (de-DE, fr-BE, th-TH…).</param>
    public RecordingHost(int width, CultureInfo? culture = null)
    {
        _ui = new RecordingHostUI(width);
        _culture = culture ?? CultureInfo.CurrentCulture;
    }

    public override string Name => "ActitoPS.RecordingHost";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public RecordingHostUI Recorded => _ui;

    public override CultureInfo CurrentCulture => _culture;

    public override CultureInfo CurrentUICulture => _culture;

    public override void SetShouldExit(int exitCode) { }

    public override void EnterNestedPrompt() => throw new NotSupportedException("The recording host has no nested prompt.");

    public override void ExitNestedPrompt() => throw new NotSupportedException("The recording host has no nested prompt.");

    public override void NotifyBeginApplication() { }

    public override void NotifyEndApplication() { }
}

public sealed class RecordingHostUI : PSHostUserInterface
{
    private readonly Lock _gate = new();
    private readonly RecordingRawUI _raw;
    private readonly System.Text.StringBuilder _pending = new();
    private readonly List<string> _lines = [];
    private readonly List<ProgressRecord> _progress = [];
    private readonly List<string> _verbose = [];
    private readonly List<string> _warnings = [];
    private readonly List<string> _debug = [];
    private readonly List<string> _errors = [];
    private readonly List<InformationRecord> _information = [];
    private readonly Queue<ConfirmAnswer> _answers = new();
    private readonly List<string> _prompts = [];

    private static readonly System.Text.RegularExpressions.Regex Ansi = new("\u001b\\[[0-9;?]*[A-Za-z]");

    public RecordingHostUI(int width) => _raw = new RecordingRawUI(width);

    public override PSHostRawUserInterface RawUI => _raw;

    /// <summary>The console width Out-Default formats for.</summary>
    public int Width
    {
        get => _raw.BufferSize.Width;
        set => _raw.BufferSize = new Size(value, _raw.BufferSize.Height);
    }

    public IReadOnlyList<string> Lines { get { lock (_gate) return [.. _lines, .. Pending()]; } }

    public IReadOnlyList<ProgressRecord> Progress { get { lock (_gate) return [.. _progress]; } }

    public IReadOnlyList<string> Verbose { get { lock (_gate) return [.. _verbose]; } }

    public IReadOnlyList<string> Warnings { get { lock (_gate) return [.. _warnings]; } }

    public IReadOnlyList<string> Debug { get { lock (_gate) return [.. _debug]; } }

    public IReadOnlyList<string> Errors { get { lock (_gate) return [.. _errors]; } }

    public IReadOnlyList<InformationRecord> Information { get { lock (_gate) return [.. _information]; } }

    /// <summary>The captions and messages of the prompts shown, in order.</summary>
    public IReadOnlyList<string> Prompts { get { lock (_gate) return [.. _prompts]; } }

    /// <summary>Every line written to the host, of every kind, for searching (secrets, for one).</summary>
    public string AllText
    {
        get
        {
            lock (_gate)
            {
                return string.Join("\n", _lines.Concat(Pending()).Concat(_verbose).Concat(_warnings).Concat(_debug).Concat(_errors)
                    .Concat(_information.Select(i => i.MessageData?.ToString() ?? string.Empty))
                    .Concat(_progress.SelectMany(p => new[] { p.Activity, p.StatusDescription, p.CurrentOperation ?? string.Empty }))
                    .Concat(_prompts));
            }
        }
    }

    public void Answer(params ConfirmAnswer[] answers)
    {
        lock (_gate)
        {
            foreach (var answer in answers) _answers.Enqueue(answer);
        }
    }

    public int UnusedAnswers { get { lock (_gate) return _answers.Count; } }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
            _lines.Clear();
            _progress.Clear();
            _verbose.Clear();
            _warnings.Clear();
            _debug.Clear();
            _errors.Clear();
            _information.Clear();
            _answers.Clear();
            _prompts.Clear();
        }
    }

    public override void Write(string value)
    {
        lock (_gate)
        {
            // A custom host gets PowerShell's ANSI styling whatever $PSStyle.OutputRendering says; the
            // console host strips it for plain text, and so does this one.
            var parts = Ansi.Replace(value, string.Empty).Replace("\r\n", "\n").Split('\n');
            _pending.Append(parts[0]);
            for (var i = 1; i < parts.Length; i++)
            {
                _lines.Add(_pending.ToString());
                _pending.Clear().Append(parts[i]);
            }
        }
    }

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

    public override void WriteLine(string value) => Write(value + "\n");

    public override void WriteErrorLine(string value) { lock (_gate) _errors.Add(value); }

    public override void WriteDebugLine(string message) { lock (_gate) _debug.Add(message); }

    public override void WriteVerboseLine(string message) { lock (_gate) _verbose.Add(message); }

    public override void WriteWarningLine(string message) { lock (_gate) _warnings.Add(message); }

    public override void WriteProgress(long sourceId, ProgressRecord record) { lock (_gate) _progress.Add(record); }

    public override void WriteInformation(InformationRecord record) { lock (_gate) _information.Add(record); }

    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
    {
        ConfirmAnswer answer;
        lock (_gate)
        {
            _prompts.Add(caption + ": " + message);
            if (_answers.Count == 0)
                throw new InvalidOperationException($"The test gave no answer for the prompt '{caption}: {message}'.");
            answer = _answers.Dequeue();
        }
        var label = answer switch
        {
            ConfirmAnswer.Yes => "Yes",
            ConfirmAnswer.YesToAll => "Yes to All",
            ConfirmAnswer.No => "No",
            _ => "No to All",
        };
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i].Label.Replace("&", string.Empty), label, StringComparison.OrdinalIgnoreCase)) return i;
        }
        throw new InvalidOperationException($"The prompt offered no '{label}': {string.Join(", ", choices.Select(c => c.Label))}.");
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) =>
        throw new InvalidOperationException($"Unexpected prompt for input: {caption}: {message} ({string.Join(", ", descriptions.Select(d => d.Name))}).");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new InvalidOperationException($"Unexpected credential prompt: {caption}: {message}.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new InvalidOperationException($"Unexpected credential prompt: {caption}: {message}.");

    public override string ReadLine() => throw new InvalidOperationException("Unexpected Read-Host.");

    public override System.Security.SecureString ReadLineAsSecureString() => throw new InvalidOperationException("Unexpected Read-Host -AsSecureString.");

    private IEnumerable<string> Pending() => _pending.Length == 0 ? [] : [_pending.ToString()];
}

internal sealed class RecordingRawUI(int width) : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override Size BufferSize { get; set; } = new(width, 3000);

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; } = 1;

    public override bool KeyAvailable => false;

    public override Size MaxPhysicalWindowSize => new(BufferSize.Width, 50);

    public override Size MaxWindowSize => new(BufferSize.Width, 50);

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize
    {
        get => new(BufferSize.Width, 50);
        set { }
    }

    public override string WindowTitle { get; set; } = string.Empty;

    public override void FlushInputBuffer() { }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("Unexpected ReadKey.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
