using ActitoPS.Core.Connection;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

/// <summary>The session's current connection is process-wide, so these tests run alone.</summary>
[CollectionDefinition(nameof(SessionCollection), DisableParallelization = true)]
public sealed class SessionCollection { }

[Collection(nameof(SessionCollection))]
public class SessionEndToEndTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public SessionEndToEndTests(EmulatorFixture emulator) => _emulator = emulator;

    [Fact]
    public void Connecting_makes_the_connection_current_and_disconnecting_closes_and_forgets_it()
    {
        var connection = _emulator.Connect(new RecordingHost());

        Assert.Same(connection, ActitoSession.Current);
        Assert.Same(connection, ActitoSession.Resolve(null));

        Assert.Same(connection, ActitoSession.Disconnect(null));

        Assert.Null(ActitoSession.Current);
        var notConnected = Assert.Throws<InvalidOperationException>(() => ActitoSession.Resolve(null));
        Assert.Contains("Connect-Actito", notConnected.Message);
        var closed = Assert.Throws<InvalidOperationException>(() => ActitoSession.Resolve(connection));
        Assert.Contains("Disconnect-Actito", closed.Message);
        Assert.Null(ActitoSession.Disconnect(null));
    }

    [Fact]
    public void Disconnecting_another_connection_leaves_the_current_one_alone()
    {
        var first = _emulator.Connect(new RecordingHost());
        var second = _emulator.Connect(new RecordingHost());

        ActitoSession.Disconnect(first);

        Assert.Same(second, ActitoSession.Current);
        Assert.Throws<InvalidOperationException>(() => new ActitoPS.Core.Profiles.SetProfileOperation(first, "MyWebsiteProfiles", null, new RecordingHost(), null, CancellationToken.None));
        ActitoSession.Disconnect(second);
    }
}
