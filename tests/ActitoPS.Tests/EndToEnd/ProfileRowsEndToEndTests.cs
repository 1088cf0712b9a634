using System.Collections.Specialized;
using System.Globalization;
using ActitoPS.Core.Profiles;
using ActitoPS.Core.Records;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

public class ProfileRowsEndToEndTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public ProfileRowsEndToEndTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Admin.Reset();
        _emulator.Admin.UpdateSettings(new EmulatorSettingsUpdate { CallsPerMinute = 0 });
    }

    /// <summary>Ten ways a row can be wrong, each caught by the structure check: the field it must name.</summary>
    private static readonly (string Field, Action<OrderedDictionary> Spoil)[] Faults =
    [
        ("shoeSize", r => r["shoeSize"] = "44"),
        ("nbChildren", r => r["nbChildren"] = "many"),
        ("birthDate", r => r["birthDate"] = "31/02/2019"),
        ("emailAddress", r => r["emailAddress"] = "not-an-address"),
        ("emailAddress or customerId", r => { r.Remove("customerId"); r.Remove("emailAddress"); }),
        ("subscriptions#Newsleter", r => r["subscriptions#Newsleter"] = "yes"),
        ("subscriptions#Newsletter", r => r["subscriptions#Newsletter"] = "perhaps"),
        ("lastName", r => r["lastName"] = new string('x', 256)),
        ("sex", r => r["sex"] = "X"),
        ("S_ClientType", r => r["S_ClientType"] = "Platinum"),
    ];

    [Fact]
    public void Of_a_thousand_rows_one_in_ten_bad_in_ten_ways_900_are_written_100_refused_each_naming_its_field_and_no_refused_row_costs_a_call()
    {
        var rows = new List<OrderedDictionary>();
        var expectedField = new Dictionary<int, string>();
        for (var i = 1; i <= 1000; i++)
        {
            var row = new OrderedDictionary
            {
                ["customerId"] = (400000 + i).ToString(CultureInfo.InvariantCulture),
                ["emailAddress"] = $"row{i}@example.be",
                ["lastName"] = "Row" + i.ToString(CultureInfo.InvariantCulture),
            };
            if (i % 10 == 0)
            {
                var (field, spoil) = Faults[i / 10 % Faults.Length];
                spoil(row);
                expectedField[i] = field;
            }
            rows.Add(row);
        }
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);
        _emulator.Admin.ClearRequestLog();

        EmulatorFixture.SetProfiles(connection, host, rows, new DataCollectionInfo("Web", "Form", null));

        Assert.Equal(900, host.Output.Count);
        Assert.Equal(100, host.Errors.Count);
        foreach (var error in host.Errors)
        {
            var refused = Assert.IsType<ActitoRecordException>(error.Exception);
            Assert.Same(rows[refused.RowNumber - 1], error.TargetObject);
            Assert.Equal(expectedField[refused.RowNumber], refused.Field);
            Assert.Equal("ActitoInvalidRow", error.ErrorId);
        }
        Assert.Equal(900, _emulator.Admin.GetRequestLog().Count(e => e.Method == "POST"));
        Assert.Equal(900, _emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table).Count);
        // Output and errors in input order, as the rows came.
        var order = host.Stream.Select(o => o is ProfileUpsertResult r ? r.RowNumber : ((ActitoRecordException)((Core.Hosting.ActitoError)o).Exception).RowNumber).ToList();
        Assert.Equal(Enumerable.Range(1, 1000), order);
    }

    [Fact]
    public async Task ThrottleLimit_bounds_the_requests_in_flight()
    {
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 80, Method = "POST", PathContains = "/profile", Count = 1000 });
        var rows = Enumerable.Range(1, 16).Select(i => new OrderedDictionary { ["customerId"] = (410000 + i).ToString(CultureInfo.InvariantCulture) }).ToList();
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);
        var peak = 0;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(() =>
        {
            while (!watching.IsCancellationRequested)
            {
                peak = Math.Max(peak, _emulator.Admin.InFlightRequests);
                Thread.Sleep(2);
            }
        });

        using (var operation = new SetProfileOperation(connection, EmulatorFixture.Table, null, host, null, CancellationToken.None) { ThrottleLimit = 2 })
        {
            foreach (var row in rows) operation.Process(row);
            operation.Complete();
        }
        watching.Cancel();
        await watcher;

        Assert.Empty(host.Errors);
        Assert.Equal(2, peak);
    }
}
