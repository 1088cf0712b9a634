using System.Net;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>Create-or-update is atomic per table: racing writes of one business key make one record.</summary>
public sealed class CustomTableConcurrencyTests : CustomTableTest
{
    protected override Licence CreateLicence() => TestLicences.Sample().WithLimits(maxConcurrentRequests: 0, callsPerMinute: 0);

    [Fact]
    public async Task Concurrent_upserts_of_one_key_create_one_record_and_apply_every_write_once()
    {
        await AuthenticateAsync();
        const int writers = 24;

        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => PostRecordAsync(Ticket(185, montant: i), allowUpdate: true)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var record = Ticket("185");
        Assert.Equal(writers, record.WriteCount);
        Assert.Equal(44L, record.Properties["id"]);
        Assert.Equal(7, Tickets().Count);
    }

    [Fact]
    public async Task Concurrent_creates_without_allowUpdate_let_exactly_one_through()
    {
        await AuthenticateAsync();
        const int writers = 24;

        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => PostRecordAsync(Ticket(185, montant: i), allowUpdate: false)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(1, Ticket("185").WriteCount);
    }
}
