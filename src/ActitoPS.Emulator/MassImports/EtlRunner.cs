using ActitoPS.Emulator.State;

namespace ActitoPS.Emulator.MassImports;

/// <summary>An accepted execution runs in the background, as Actito's do: the submitting call has long been answered.</summary>
internal static class EtlRunner
{
    public static void Start(EmulatorCore core, EmulatorState state, EtlExecution execution) =>
        _ = Task.Run(() => RunAsync(core, state, execution));

    private static async Task RunAsync(EmulatorCore core, EmulatorState state, EtlExecution execution)
    {
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(state.Etl.Cancellation, core.Stopping);
            await core.EtlDelay.WaitAsync(execution.AcceptedTimestamp, cancel.Token).ConfigureAwait(false);
            var outcome = EtlProcessor.Run(execution, cancel.Token);
            if (execution.Complete(outcome, core.Time.GetUtcNow()))
            {
                // Once the execution reads FINISHED or FAILED, so a receiver that calls back finds it ended.
                core.Webhooks.Notify(state, execution);
            }
        }
        catch (OperationCanceledException)
        {
            // Reset, a new licence or the server stopping: the execution is gone with the state it belonged to.
        }
        catch (Exception ex)
        {
            // Nothing should get here; if something does, the client sees why rather than IN_PROGRESS forever.
            if (execution.Complete(EtlOutcome.Failed(EtlFailureCodes.InternalError, $"The emulator failed to run the execution: {ex.Message}"), core.Time.GetUtcNow()))
            {
                core.Webhooks.Notify(state, execution);
            }
        }
        finally
        {
            execution.Upload.Dispose();
        }
    }
}
