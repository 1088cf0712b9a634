using System.Collections;
using System.Collections.Specialized;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Profiles;
using ActitoPS.Core.Records;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

public class SetProfileEndToEndTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public SetProfileEndToEndTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Admin.Reset();
    }

    private IReadOnlyList<ProfileSnapshot> Profiles() => _emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table);

    [Fact]
    public void The_sample_csv_is_upserted_row_by_row_and_every_cell_lands_in_Actito()
    {
        var rows = EmulatorFixture.ImportCsv(EmulatorFixture.SamplePath("profiles.csv"));
        Assert.True(rows.Count >= 5, "the sample CSV should hold several rows");
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        EmulatorFixture.SetProfiles(connection, host, rows);

        Assert.Empty(host.Errors);
        var results = host.Output.Cast<ProfileUpsertResult>().ToList();
        Assert.Equal(Enumerable.Range(1, rows.Count), results.Select(r => r.RowNumber));
        Assert.All(results, r => Assert.NotNull(r.ProfileId));
        Assert.Equal(rows.Count, results.Select(r => r.ProfileId).Distinct().Count());

        var stored = Profiles().ToDictionary(p => p.ProfileId);
        Assert.Equal(rows.Count, stored.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var profile = stored[results[i].ProfileId!.Value];
            foreach (DictionaryEntry cell in rows[i])
            {
                var header = (string)cell.Key;
                var value = (string)cell.Value!;
                if (value.Trim().Length == 0) continue;
                if (header.StartsWith("S_", StringComparison.Ordinal))
                    Assert.Contains(value.Trim(), profile.Segmentations[header.Substring(2)]);
                else
                    Assert.Equal(value, profile.Attributes[header], StringComparer.OrdinalIgnoreCase);
            }
            Assert.Equal(1, profile.WriteCount);
        }
    }

    [Fact]
    public void Sending_the_same_rows_again_updates_the_same_profiles()
    {
        var rows = EmulatorFixture.ImportCsv(EmulatorFixture.SamplePath("profiles.csv"));
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        EmulatorFixture.SetProfiles(connection, host, rows);
        var first = host.Output.Cast<ProfileUpsertResult>().Select(r => r.ProfileId).ToList();
        host.Output.Clear();
        EmulatorFixture.SetProfiles(connection, host, rows);

        Assert.Equal(first, host.Output.Cast<ProfileUpsertResult>().Select(r => r.ProfileId));
        Assert.Equal(rows.Count, Profiles().Count);
        Assert.All(Profiles(), p => Assert.Equal(2, p.WriteCount));
    }

    [Fact]
    public void Typed_values_arrive_in_Actitos_formats_under_a_Belgian_culture()
    {
        using var culture = new CultureScope("fr-BE");
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);
        var row = new Hashtable { ["customerId"] = 777L, ["birthDate"] = new DateTime(1980, 2, 29), ["nbChildren"] = 3, ["lastName"] = "Dupont" };

        EmulatorFixture.SetProfiles(connection, host, new object[] { row });

        Assert.Empty(host.Errors);
        var profile = Assert.Single(Profiles());
        Assert.Equal("1980-02-29", profile.Attributes["birthDate"]);
        Assert.Equal("3", profile.Attributes["nbChildren"]);
        Assert.Equal("777", profile.Attributes["customerId"]);
    }

    [Fact]
    public void A_bad_row_is_an_error_naming_row_and_field_and_the_others_go_on()
    {
        var rows = new List<OrderedDictionary>();
        for (var i = 1; i <= 5; i++)
            rows.Add(new OrderedDictionary { ["customerId"] = (1000 + i).ToString(), ["lastName"] = "Row" + i, ["nbChildren"] = i == 3 ? "many" : "1" });
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        EmulatorFixture.SetProfiles(connection, host, rows);

        var error = Assert.Single(host.Errors);
        Assert.Same(rows[2], error.TargetObject);
        Assert.Equal(ActitoErrorCategory.InvalidData, error.Category);
        Assert.StartsWith("Row 3, field 'nbChildren': 'many' is not a valid INTEGER", error.Exception.Message);
        Assert.Equal("ActitoInvalidRow", error.ErrorId);
        Assert.Equal(new[] { 1, 2, 4, 5 }, host.Output.Cast<ProfileUpsertResult>().Select(r => r.RowNumber));
        Assert.Equal(4, Profiles().Count);
        // Refused by the structure check: the bad row cost no call.
        Assert.Equal(4, _emulator.Admin.GetRequestLog().Count(e => e.Method == "POST"));
    }

    [Fact]
    public void A_row_refused_before_sending_takes_its_turn_behind_the_rows_still_in_flight()
    {
        _emulator.Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, Method = "POST", PathContains = "/profile", LatencyMs = 300, Count = 2 });
        var rows = Enumerable.Range(1, 5)
            .Select(i => new OrderedDictionary { ["customerId"] = (2000 + i).ToString(), ["subscriptions#Newsletter"] = i == 3 ? "perhaps" : "yes" })
            .ToList();
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        EmulatorFixture.SetProfiles(connection, host, rows, new DataCollectionInfo("Shop", "till", null));

        var order = host.Stream.Select(item => item switch
        {
            ProfileUpsertResult result => "out" + result.RowNumber,
            ActitoError error => "error:" + ((ActitoRecordException)error.Exception).RowNumber,
            _ => "?",
        });
        Assert.Equal(new[] { "out1", "out2", "error:3", "out4", "out5" }, order);
        Assert.Equal("subscriptions#Newsletter", ((ActitoRecordException)host.Errors.Single().Exception).Field);
        Assert.Same(rows[2], host.Errors.Single().TargetObject);
    }

    [Fact]
    public void Two_unique_keys_pointing_at_different_profiles_is_a_conflict_and_nothing_changes()
    {
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);
        EmulatorFixture.SetProfiles(connection, host, new object[]
        {
            new OrderedDictionary { ["customerId"] = "1", ["emailAddress"] = "anna@example.be", ["lastName"] = "Peeters" },
            new OrderedDictionary { ["customerId"] = "2", ["emailAddress"] = "bart@example.be", ["lastName"] = "Janssens" },
        });
        var before = Profiles().ToDictionary(p => p.ProfileId, p => string.Join(";", p.Attributes.OrderBy(a => a.Key).Select(a => a.Key + "=" + a.Value)));
        host.Output.Clear();

        var clash = new OrderedDictionary { ["customerId"] = "1", ["emailAddress"] = "bart@example.be", ["lastName"] = "Mixed" };
        EmulatorFixture.SetProfiles(connection, host, new object[] { clash });

        var error = Assert.Single(host.Errors);
        Assert.Equal(ActitoErrorCategory.ResourceExists, error.Category);
        Assert.Same(clash, error.TargetObject);
        Assert.StartsWith("Row 1", error.Exception.Message);
        Assert.Contains("409", error.Exception.Message);
        Assert.Empty(host.Output);
        var after = Profiles().ToDictionary(p => p.ProfileId, p => string.Join(";", p.Attributes.OrderBy(a => a.Key).Select(a => a.Key + "=" + a.Value)));
        Assert.Equal(before, after);
        Assert.All(Profiles(), p => Assert.Equal(1, p.WriteCount));
    }

    [Fact]
    public void One_unique_key_matching_updates_that_profile()
    {
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);
        EmulatorFixture.SetProfiles(connection, host, new object[] { new OrderedDictionary { ["customerId"] = "5", ["lastName"] = "Before" } });
        EmulatorFixture.SetProfiles(connection, host, new object[] { new OrderedDictionary { ["customerId"] = "5", ["emailAddress"] = "new@example.be", ["lastName"] = "After" } });

        Assert.Empty(host.Errors);
        var profile = Assert.Single(Profiles());
        Assert.Equal("After", profile.Attributes["lastName"]);
        Assert.Equal("new@example.be", profile.Attributes["emailAddress"]);
    }

    [Fact]
    public void Subscriptions_carry_the_consent_information_given()
    {
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);
        var row = new OrderedDictionary { ["customerId"] = "42", ["subscriptions#Newsletter"] = "yes", ["subscriptions#Promotions"] = "no" };

        EmulatorFixture.SetProfiles(connection, host, new object[] { row }, new DataCollectionInfo("Shop Leuven", "paper form", new DateTime(2026, 11, 2, 14, 5, 0)));

        Assert.Empty(host.Errors);
        var profile = Assert.Single(Profiles());
        Assert.True(profile.Subscriptions["Newsletter"]);
        Assert.False(profile.Subscriptions["Promotions"]);
        Assert.Equal("Shop Leuven", profile.DataCollectionInformation!.Source);
        Assert.Equal("paper form", profile.DataCollectionInformation.Way);
    }

    [Fact]
    public void WhatIf_writes_nothing_and_says_what_it_would_do_for_each_row()
    {
        var rows = EmulatorFixture.ImportCsv(EmulatorFixture.SamplePath("profiles.csv"));
        var host = new RecordingHost { WhatIf = true };
        using var connection = _emulator.Connect(host);
        _emulator.Admin.ClearRequestLog();

        EmulatorFixture.SetProfiles(connection, host, rows);

        // The one call is the structure read that checks the rows; nothing is written.
        var call = Assert.Single(_emulator.Admin.GetRequestLog());
        Assert.Equal(("GET", "/profile-table-structure/v5/entities/MyEntity/profile-tables"), (call.Method, call.Path));
        Assert.Empty(host.Output);
        Assert.Equal(rows.Count, host.ShouldProcessTargets.Count);
        Assert.Contains("row 1", host.ShouldProcessTargets[0]);
        Assert.Contains(EmulatorFixture.Table, host.ShouldProcessTargets[0]);
    }

    [Fact]
    public void An_unknown_table_stops_before_any_row_is_sent_and_lists_the_tables()
    {
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);
        _emulator.Admin.ClearRequestLog();

        var error = Assert.Throws<ArgumentException>(() =>
            EmulatorFixture.SetProfiles(connection, host, new object[] { new Hashtable { ["customerId"] = "1" } }, table: "MyWebsiteProfile"));

        Assert.Contains("MyWebsiteProfiles", error.Message);
        Assert.DoesNotContain(_emulator.Admin.GetRequestLog(), e => e.Method == "POST");
    }

    [Fact]
    public void A_value_that_is_not_an_object_is_an_error_for_that_row_only()
    {
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        EmulatorFixture.SetProfiles(connection, host, new object?[] { "just text", new Hashtable { ["customerId"] = "9" } });

        var error = Assert.Single(host.Errors);
        Assert.Equal("just text", error.TargetObject);
        Assert.StartsWith("Row 1:", error.Exception.Message);
        Assert.Equal(2, Assert.Single(host.Output.Cast<ProfileUpsertResult>()).RowNumber);
    }
}

public class SetProfileInputObjectTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public SetProfileInputObjectTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Admin.Reset();
    }

    [Fact]
    public void An_array_given_as_one_value_is_taken_row_by_row()
    {
        var rows = EmulatorFixture.ImportCsv(EmulatorFixture.SamplePath("profiles.csv"));
        var host = new RecordingHost();
        using var connection = _emulator.Connect(host);

        // Set-ActitoProfile -InputObject (Import-Csv …): one call, the whole array.
        EmulatorFixture.SetProfiles(connection, host, new object[] { rows.ToArray() });

        Assert.Empty(host.Errors);
        Assert.Equal(Enumerable.Range(1, rows.Count), host.Output.Cast<ProfileUpsertResult>().Select(r => r.RowNumber));
        Assert.Equal(rows.Count, _emulator.Admin.GetProfiles(EmulatorFixture.Entity, EmulatorFixture.Table).Count);
    }
}
