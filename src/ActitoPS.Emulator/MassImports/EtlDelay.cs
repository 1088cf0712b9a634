using ActitoPS.Emulator.Limits;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// Holds an accepted execution IN_PROGRESS for etlDurationMs, measured from its acceptance. A settings change
/// is seen at once, so a test can hold an execution with a long duration and release it by setting 0.
/// </summary>
internal sealed class EtlDelay(SettingsStore settings, TimeProvider time)
{
    private readonly ChangeSignal _changed = new(settings);

    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public async Task WaitAsync(long acceptedTimestamp, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = _changed.Token;
            var remaining = TimeSpan.FromMilliseconds(settings.Current.EtlDurationMs) - time.GetElapsedTime(acceptedTimestamp);
            if (remaining <= TimeSpan.Zero)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, changed);
            try
            {
                await Task.Delay(remaining, time, wake.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The settings changed: measure again against the new duration.
            }
        }
    }
}
