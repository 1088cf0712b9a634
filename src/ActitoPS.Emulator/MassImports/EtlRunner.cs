using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.MassImports;

/// <summary>An accepted execution runs in the background, as Actito's do: the submitting call has long been answered.</summary>
internal static class EtlRunner
{
    public static void Start(EmulatorCore core, EtlExecutionStore store, EtlExecution execution) =>
        _ = Task.Run(() => RunAsync(core, store, execution));

    private static async Task RunAsync(EmulatorCore core, EtlExecutionStore store, EtlExecution execution)
    {
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(store.Cancellation, core.Stopping);
            await core.EtlDelay.WaitAsync(execution.AcceptedTimestamp, cancel.Token).ConfigureAwait(false);
            var outcome = EtlProcessor.Run(execution, cancel.Token);
            execution.Complete(outcome, core.Time.GetUtcNow());
        }
        catch (OperationCanceledException)
        {
            // Reset, a new licence or the server stopping: the execution is gone with the state it belonged to.
        }
        catch (Exception ex)
        {
            // Nothing should get here; if something does, the client sees why rather than IN_PROGRESS forever.
            execution.Complete(EtlOutcome.Failed(EtlFailureCodes.InternalError, $"The emulator failed to run the execution: {ex.Message}"), core.Time.GetUtcNow());
        }
        finally
        {
            execution.Upload.Dispose();
        }
    }
}
