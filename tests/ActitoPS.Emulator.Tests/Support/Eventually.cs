namespace ActitoPS.Emulator.Tests.Support;

internal static class Eventually
{
    /// <summary>
    /// Polls until the condition holds. The deadline only keeps a broken build from hanging the run;
    /// nothing is asserted about how long it took.
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Gave up waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }
}
