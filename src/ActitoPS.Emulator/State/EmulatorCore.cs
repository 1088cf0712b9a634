using ActitoPS.Emulator.Auth;
using ActitoPS.Emulator.Faults;
using ActitoPS.Emulator.Limits;
using ActitoPS.Emulator.MassImports;
using ActitoPS.Emulator.RequestLog;
using ActitoPS.Emulator.Webhooks;

namespace ActitoPS.Emulator.State;

/// <summary>Everything one running emulator holds, shared by the HTTP pipeline and <see cref="EmulatorAdmin"/>.</summary>
internal sealed class EmulatorCore : IDisposable
{
    private readonly Lock _adminGate = new();
    private EmulatorState _state;

    public EmulatorCore(Licence licence, TimeProvider time, int? faultSeed = null, EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        Time = time;
        Faults = new FaultRegistry(faultSeed);
        _state = new EmulatorState(licence.Clone(), time);
        Settings = new SettingsStore(EmulatorSettings.From(_state.Licence.Limits));
        Tokens = new TokenStore(time);
        Gate = new ConcurrencyGate(Settings);
        Rate = new CallRateLimiter(Settings, time);
        EtlDelay = new EtlDelay(Settings, time);
        Webhooks = new WebhookDispatcher(time, () => Stopping, options.WebhookMaxAttempts, options.WebhookRetryDelay, options.WebhookTimeout);
    }

    public TimeProvider Time { get; }
    public SettingsStore Settings { get; }
    public TokenStore Tokens { get; }
    public FaultRegistry Faults { get; }
    public RequestJournal Journal { get; } = new();
    public ConcurrencyGate Gate { get; }
    public CallRateLimiter Rate { get; }
    public EtlDelay EtlDelay { get; }
    public WebhookDispatcher Webhooks { get; }
    public EmulatorState State => Volatile.Read(ref _state);

    /// <summary>Cancelled when the server stops, so that held requests (latency, rate limit) end with it.</summary>
    public CancellationToken Stopping { get; set; }

    /// <exception cref="LicenceException">The licence is invalid; the emulator keeps the one it had.</exception>
    public void Load(Licence licence) => Replace(licence.Clone());

    public void Reset() => Replace(State.Licence);

    public void Dispose() => Webhooks.Dispose();

    private void Replace(Licence licence)
    {
        lock (_adminGate)
        {
            var previous = _state;
            Volatile.Write(ref _state, new EmulatorState(licence, Time));
            previous.Etl.CancelAll();
            Tokens.Clear();
            Faults.Clear();
            Journal.Clear();
            Rate.Clear();
            Settings.Replace(EmulatorSettings.From(licence.Limits));
        }
    }
}
