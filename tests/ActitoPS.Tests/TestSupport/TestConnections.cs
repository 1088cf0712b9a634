using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;

namespace ActitoPS.Tests.TestSupport;

public static class TestConnections
{
    public const string Key = "unit-test-key-5f2c9a7e";

    public static ActitoConnectionOptions Options(ScriptedHandler handler, FakeClock clock, int maxAttempts = 5, TimeSpan? attemptTimeout = null) => new()
    {
        PrimaryHandlerFactory = () => handler,
        Clock = clock,
        Random = () => 0.5,
        Retry = new RetryOptions
        {
            MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), MaxTotalTime = TimeSpan.FromMinutes(2),
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(100),
        },
        CallsPerMinute = 0,
    };

    public static ActitoConnection Connect(ScriptedHandler handler, FakeClock clock, int maxAttempts = 5, List<string>? trace = null, TimeSpan? attemptTimeout = null) =>
        ActitoConnection.ConnectAsync("MyEntity", new Uri("https://api3.actito.com"), new ResolvedApiKey(new ApiKey(Key), "test"),
            Options(handler, clock, maxAttempts, attemptTimeout), trace == null ? null : line => { lock (trace) trace.Add(line); }).GetAwaiter().GetResult();
}
