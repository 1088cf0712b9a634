namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>A test class's base: a fresh emulator state and a fresh runspace with the module for each test.</summary>
[Collection(InEngineCollection.Name)]
public abstract class InEngineTest : IClassFixture<EmulatorFixture>, IDisposable
{
    protected InEngineTest(EmulatorFixture emulator)
    {
        Emulator = emulator;
        emulator.Admin.Reset();
        Session = ModuleSession.Start();
    }

    protected EmulatorFixture Emulator { get; }

    protected ModuleSession Session { get; }

    /// <summary>Connects the session's current connection to the emulator; the log is cleared after it.</summary>
    protected void Connect(string extra = "")
    {
        Session.Run(Emulator.ConnectScript(extra) + " | Out-Null").AssertClean();
        Emulator.Admin.ClearRequestLog();
    }

    public virtual void Dispose()
    {
        Session.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The module's current connection is process-wide (as it is in one PowerShell process), so the
/// in-engine tests run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InEngineCollection
{
    public const string Name = "In the PowerShell engine";
}
