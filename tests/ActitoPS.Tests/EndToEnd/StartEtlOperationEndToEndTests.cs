using System.Globalization;
using ActitoPS.Core.Http;
using ActitoPS.Core.MassImports;
using ActitoPS.Core.Records;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

/// <summary>Start-ActitoEtl with pipeline rows, against the emulator: each mode into a profile table and a custom table.</summary>
public sealed class StartEtlModesEndToEndTests : EtlEndToEndTest, IClassFixture<EmulatorFixture>
{
    public StartEtlModesEndToEndTests(EmulatorFixture emulator) : base(emulator)
    {
    }

    [Fact]
    public void Create_or_update_rows_update_the_matched_profile_partially_and_create_the_other()
    {
        SeedProfiles(Csv(("customerId", "1"), ("lastName", "Old"), ("firstName", "Keep"), ("emailAddress", "one@example.com")));

        var host = Import(
        [
            Row(("customerId", 1), ("lastName", "Dubois"), ("birthDate", new DateTime(1985, 4, 3)), ("subscriptions#Newsletter", true), ("S_ClientType", "Gold")),
            Row(("customerId", 2L), ("lastName", "Peeters"), ("birthDate", new DateTime(1990, 12, 31)), ("subscriptions#Newsletter", false), ("S_ClientType", "Silver")),
        ], setup: o => o.Wait = true);

        var updated = Profile(1);
        Assert.Equal(("Dubois", "Keep", "one@example.com", "1985-04-03"),
            (updated.Attributes["lastName"], updated.Attributes["firstName"], updated.Attributes["emailAddress"], updated.Attributes["birthDate"]));
        Assert.True(updated.Subscriptions["Newsletter"]);
        Assert.Equal(["Gold"], updated.Segmentations["ClientType"]);
        var created = Profile(2);
        Assert.Equal(("Peeters", "1990-12-31"), (created.Attributes["lastName"], created.Attributes["birthDate"]));
        Assert.False(created.Subscriptions["Newsletter"]);
        Assert.Equal(2, Profiles().Count);

        var execution = Single(host);
        Assert.Equal(("FINISHED", "CREATE_OR_UPDATE", Table, "PROFILE_TABLE"), (execution.Status, execution.Mode, execution.Table, execution.TableType));
        Assert.Equal((2L, 0L, 1L, 1L, 0L), (execution.Results!.Read, execution.Results.InError, execution.Results.Inserted, execution.Results.Updated, execution.Results.Deleted));
        Assert.Equal((2L, 1, 1, 1L), (execution.Rows, execution.Part, execution.Parts, execution.FirstRow));
        Assert.Empty(host.Warnings);
        Assert.Empty(host.Errors);

        var sent = Assert.Single(Admin.GetEtlExecutions());
        Assert.Equal((execution.Id, "PROFILE_TABLE", Table, "CREATE_OR_UPDATE", "GZIP"), (sent.Id, sent.DestinationType, sent.DestinationTable, sent.Mode, sent.Compression));
        Assert.Single(Uploads());
        // The spool file went once Actito had it.
        Assert.False(File.Exists(execution.File), execution.File);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void Without_wait_the_execution_is_written_as_accepted_and_runs_on_in_the_emulator()
    {
        var host = Import([Hash(("customerId", 5), ("lastName", "Hash"))]);

        var execution = Single(host);
        Assert.Equal("IN_PROGRESS", execution.Status);
        Assert.Null(execution.Results);
        Assert.Equal((EmulatorFixture.Entity, Table, 1L), (execution.Entity, execution.Table, execution.Rows));
        Assert.True(execution.BytesSent > 0);
        Assert.Equal(execution.Id, Assert.Single(Admin.GetEtlExecutions()).Id);
        Assert.Equal("FINISHED", Ended(execution.Id).Status);
        Assert.Equal("Hash", Profile(5).Attributes["lastName"]);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void Create_only_refuses_the_known_profile_creates_the_new_one_and_sets_recency_fields()
    {
        SeedProfiles(Csv(("customerId", "1"), ("lastName", "Old")));

        var host = Import(
        [
            Hash(("customerId", 1), ("lastName", "Duplicate"), ("lastMailOpeningMoment", new DateTime(2024, 1, 2, 3, 4, 5))),
            Hash(("customerId", 3), ("lastName", "New"), ("lastMailOpeningMoment", new DateTime(2024, 1, 2, 3, 4, 5))),
        ], EtlMode.CreateOnly, setup: o => o.Wait = true);

        Assert.Equal("Old", Profile(1).Attributes["lastName"]);
        var created = Profile(3);
        Assert.Equal("New", created.Attributes["lastName"]);
        Assert.NotNull(created.RecencyFields);
        Assert.StartsWith("2024-01-02", created.RecencyFields!["lastMailOpeningMoment"]);
        var execution = Single(host);
        Assert.Equal(("CREATE_ONLY", 1L, 1L, 0L), (execution.Mode, execution.Results!.InError, execution.Results.Inserted, execution.Results.Updated));
        var warning = Assert.Single(host.Warnings);
        Assert.Contains(execution.Id.ToString(CultureInfo.InvariantCulture), warning);
        Assert.Contains("1 of 2", warning);
    }

    [Fact]
    public void Create_only_into_a_profile_table_needs_no_key_column()
    {
        var host = Import([Csv(("lastName", "NoKey1")), Csv(("lastName", "NoKey2"))], EtlMode.CreateOnly, setup: o => o.Wait = true);

        Assert.Equal(["NoKey1", "NoKey2"], Profiles().Select(p => p.Attributes["lastName"]).Order());
        Assert.Equal(2L, Single(host).Results!.Inserted);
    }

    [Fact]
    public void Update_only_updates_the_known_profile_and_creates_nothing()
    {
        SeedProfiles(Csv(("customerId", "1"), ("lastName", "One")), Csv(("customerId", "2"), ("lastName", "Two")));

        var host = Import([Csv(("customerId", "1"), ("firstName", "Updated")), Csv(("customerId", "99"), ("firstName", "Ghost"))], EtlMode.UpdateOnly,
            setup: o => o.Wait = true);

        Assert.Equal(("Updated", "One"), (Profile(1).Attributes["firstName"], Profile(1).Attributes["lastName"]));
        Assert.False(Profile(2).Attributes.ContainsKey("firstName"));
        Assert.False(HasProfile(99));
        var execution = Single(host);
        Assert.Equal(("UPDATE_ONLY", 1L, 0L, 1L), (execution.Mode, execution.Results!.InError, execution.Results.Inserted, execution.Results.Updated));
        Assert.Single(host.Warnings);
    }

    [Fact]
    public void Delete_removes_the_known_profile_and_names_the_unknown_one_in_error()
    {
        SeedProfiles(Csv(("customerId", "1")), Csv(("customerId", "2")), Csv(("customerId", "3")));

        var host = Import([Row(("customerId", 2)), Row(("customerId", 404))], EtlMode.Delete, setup: o => o.Wait = true);

        Assert.Equal(["1", "3"], Profiles().Select(p => p.Attributes["customerId"]).Order());
        var execution = Single(host);
        Assert.Equal(("DELETE", 1L, 1L), (execution.Mode, execution.Results!.Deleted, execution.Results.InError));
    }

    private static Dictionary<string, object?> Ticket(long reference, string store, long amount, long customer) =>
        new() { ["ref"] = reference, ["refMagasin"] = store, ["montant"] = amount, ["customerId"] = customer };

    [Fact]
    public void Create_or_update_into_a_custom_table_updates_by_business_key_and_creates_the_new_record()
    {
        var before = Records().Count;

        var host = Import([Ticket(32, "R", 1000, 25716), Ticket(500, "N", 7, 1)], customTable: Tickets, setup: o => o.Wait = true);

        var updated = Record(32);
        Assert.Equal((1000L, "R", 31L), (updated.Properties["montant"], updated.Properties["refMagasin"], updated.Properties["id"]));
        Assert.Equal((7L, "N"), (Record(500).Properties["montant"], Record(500).Properties["refMagasin"]));
        Assert.Equal(before + 1, Records().Count);
        var execution = Single(host);
        Assert.Equal((Tickets, "CUSTOM_TABLE", 1L, 1L), (execution.Table, execution.TableType, execution.Results!.Inserted, execution.Results.Updated));
        var sent = Assert.Single(Admin.GetEtlExecutions());
        Assert.Equal(("CUSTOM_TABLE", Tickets), (sent.DestinationType, sent.DestinationTable));
    }

    [Fact]
    public void Create_only_into_a_custom_table_leaves_the_existing_record_alone()
    {
        var host = Import([Ticket(49, "X", 1, 1), Ticket(501, "Y", 2, 2)], EtlMode.CreateOnly, Tickets, o => o.Wait = true);

        Assert.Equal((143L, "3"), (Record(49).Properties["montant"], Record(49).Properties["refMagasin"]));
        Assert.Equal(2L, Record(501).Properties["montant"]);
        var execution = Single(host);
        Assert.Equal((1L, 1L), (execution.Results!.Inserted, execution.Results.InError));
        Assert.Single(host.Warnings);
    }

    [Fact]
    public void Update_only_into_a_custom_table_changes_the_given_fields_and_creates_nothing()
    {
        var before = Records().Count;

        var host = Import([Row(("ref", 6), ("montant", 31)), Row(("ref", 777), ("montant", 1))], EtlMode.UpdateOnly, Tickets, o => o.Wait = true);

        Assert.Equal((31L, "5", 50662L), (Record(6).Properties["montant"], Record(6).Properties["refMagasin"], Record(6).Properties["customerId"]));
        Assert.DoesNotContain(Records(), r => r.BusinessKey == "777");
        Assert.Equal(before, Records().Count);
        Assert.Equal((1L, 1L), (Single(host).Results!.Updated, Single(host).Results!.InError));
    }

    [Fact]
    public void Delete_from_a_custom_table_removes_the_record_by_business_key()
    {
        var before = Records().Count;

        var host = Import([Row(("ref", 7)), Row(("ref", 778))], EtlMode.Delete, Tickets, o => o.Wait = true);

        Assert.DoesNotContain(Records(), r => r.BusinessKey == "7");
        Assert.Equal(before - 1, Records().Count);
        Assert.Equal((1L, 1L), (Single(host).Results!.Deleted, Single(host).Results!.InError));
    }
}

/// <summary>Start-ActitoEtl with pipeline rows: the file's shape (late columns, parts), and what it does instead of sending.</summary>
public sealed class StartEtlRowsEndToEndTests : EtlEndToEndTest, IClassFixture<EmulatorFixture>
{
    public StartEtlRowsEndToEndTests(EmulatorFixture emulator) : base(emulator)
    {
    }

    [Fact]
    public void A_column_that_only_later_rows_bring_is_loaded_and_no_row_is_lost()
    {
        var host = Import(
        [
            Row(("customerId", 1), ("lastName", "A")),
            Row(("customerId", 2), ("lastName", "B")),
            Row(("customerId", 3), ("lastName", "C")),
            Row(("customerId", 4), ("lastName", "D"), ("firstName", "Late")),
            Row(("customerId", 5), ("lastName", "E")),
        ], EtlMode.CreateOnly, setup: o => o.Wait = true);

        Assert.Equal(["1", "2", "3", "4", "5"], Profiles().Select(p => p.Attributes["customerId"]).Order());
        Assert.Equal("Late", Profile(4).Attributes["firstName"]);
        Assert.Equal("D", Profile(4).Attributes["lastName"]);
        Assert.Equal("E", Profile(5).Attributes["lastName"]);
        Assert.All(new long[] { 1, 2, 3, 5 }, id => Assert.False(Profile(id).Attributes.ContainsKey("firstName")));
        var execution = Single(host);
        Assert.Equal((5L, 5L, 0L), (execution.Rows, execution.Results!.Inserted, execution.Results.InError));
        Assert.Single(Uploads());
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void A_row_without_a_late_column_does_not_clear_that_field_of_the_profile_it_updates()
    {
        SeedProfiles(Csv(("customerId", "1"), ("firstName", "Keep")));

        Import([Row(("customerId", 1), ("lastName", "A")), Row(("customerId", 2), ("lastName", "B"), ("firstName", "Bee"))], setup: o => o.Wait = true);

        Assert.Equal("A", Profile(1).Attributes["lastName"]);
        // The first row never named firstName: as with Set-ActitoProfile, it should stay.
        Assert.Equal("Keep", Profile(1).Attributes.GetValueOrDefault("firstName"));
        Assert.Equal("Bee", Profile(2).Attributes["firstName"]);
    }

    [Fact]
    public void An_empty_value_in_a_column_every_row_has_still_clears_the_field()
    {
        SeedProfiles(Csv(("customerId", "1"), ("firstName", "Clear me"), ("lastName", "Keep")));

        Import([Row(("customerId", 1), ("firstName", null)), Row(("customerId", 2), ("firstName", "Bee"))], setup: o => o.Wait = true);

        Assert.False(Profile(1).Attributes.TryGetValue("firstName", out var cleared) && cleared != null, $"firstName is '{cleared}'");
        Assert.Equal("Keep", Profile(1).Attributes["lastName"]);
        Assert.Equal("Bee", Profile(2).Attributes["firstName"]);
    }

    [Theory]
    [InlineData("lone\nline feed")]
    [InlineData("lone\rcarriage return")]
    [InlineData("both\r\nbreaks")]
    [InlineData("comma, and \"quotes\"")]
    [InlineData("  spaces around  ")]
    [InlineData("🎉 Liège 007")]
    public void A_value_arrives_exactly_as_given(string value)
    {
        Import([Row(("customerId", 1), ("lastName", value))], EtlMode.CreateOnly, setup: o => o.Wait = true);

        Assert.Equal(value, Profile(1).Attributes["lastName"]);
    }

    [Fact]
    public void Rows_past_the_part_size_roll_into_several_executions_and_every_row_arrives_once()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 0 });
        var rows = ManyRows();
        var count = rows.Count;
        var names = rows.Cast<ActitoRecord>().Select(r => r.TryGetValue("lastName", out var name) ? (string)name! : "").ToList();

        var host = Import(rows, setup: o =>
        {
            o.MaxPartBytes = 4 * 1024;
            o.Wait = true;
        });

        // Written as each finishes: put them back in part order.
        var executions = host.Output.Cast<EtlExecution>().OrderBy(e => e.Part).ToList();
        Assert.True(executions.Count >= 2, $"{executions.Count} execution(s)");
        Assert.Equal(executions.Count, Uploads().Count);
        Assert.Equal(executions.Count, Admin.GetEtlExecutions().Count);
        var warning = Assert.Single(host.Warnings);
        Assert.Contains(executions.Count.ToString(CultureInfo.InvariantCulture), warning);
        Assert.Contains("daily imports", warning);

        Assert.Equal(Enumerable.Range(1, executions.Count), executions.Select(e => e.Part!.Value));
        Assert.All(executions, e => Assert.Equal(executions.Count, e.Parts));
        // Each part starts where the one before ended.
        long next = 1;
        foreach (var execution in executions)
        {
            Assert.Equal(next, execution.FirstRow);
            Assert.Equal(execution.Rows, execution.Results!.Read);
            next += execution.Rows!.Value;
        }
        Assert.Equal(count + 1, next);

        var profiles = Profiles();
        Assert.Equal(count, profiles.Count);
        Assert.Equal(Enumerable.Range(1, count), profiles.Select(p => int.Parse(p.Attributes["customerId"]!, CultureInfo.InvariantCulture)).Order());
        Assert.All(profiles, p => Assert.Equal(names[int.Parse(p.Attributes["customerId"]!, CultureInfo.InvariantCulture) - 1], p.Attributes["lastName"]));
        Assert.Empty(SpoolFiles());
    }

    /// <summary>
    /// Incompressible rows, customerId 1 to 10,000: more compressed bytes than a part can lag behind its limit
    /// (EtlFileWriter.MaxBufferedBytes), so that with MaxPartBytes 4 KB they make at least two parts however the
    /// compressor thread is scheduled.
    /// </summary>
    private static List<object?> ManyRows(int count = 10_000)
    {
        var random = new Random(5);
        return Enumerable.Range(1, count)
            .Select(i => (object?)Row(("customerId", i), ("lastName", Convert.ToBase64String(Enumerable.Range(0, 60).Select(_ => (byte)random.Next(256)).ToArray()))))
            .ToList();
    }

    [Fact]
    public void When_the_daily_imports_run_out_after_the_first_part_the_parts_not_sent_are_kept_and_named() => QuotaAfterTheFirstPart(wait: false);

    [Fact]
    public void With_wait_the_part_accepted_before_the_daily_imports_ran_out_is_still_written() => QuotaAfterTheFirstPart(wait: true);

    private void QuotaAfterTheFirstPart(bool wait)
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        var host = new RecordingHost();

        var spent = Assert.Throws<ActitoImportQuotaException>(() => Import(ManyRows(), host: host, setup: o =>
        {
            o.MaxPartBytes = 4 * 1024;
            o.Wait = wait;
        }));

        Assert.True(spent.SpoolFiles.Count >= 1);
        Assert.All(spent.SpoolFiles, f => Assert.True(File.Exists(f), f));
        Assert.Equal(spent.SpoolFiles.Order(), SpoolFiles().Order());
        Assert.All(spent.SpoolFiles, f => Assert.Contains(f, spent.Message));
        Assert.Equal([201, 429], Uploads().Select(u => u.Status));
        var accepted = Assert.Single(Admin.GetEtlExecutions());
        // The first part was accepted and is loading: its execution is what tells the user which rows went.
        var written = Assert.IsType<EtlExecution>(Assert.Single(host.Output));
        Assert.Equal((accepted.Id, 1, 1L), (written.Id, written.Part, written.FirstRow));
        if (wait) Assert.Contains(host.Warnings, w => w.Contains(accepted.Id.ToString(CultureInfo.InvariantCulture)) && w.Contains("Wait-ActitoEtl"));
    }

    [Fact]
    public void Rows_can_be_sent_as_a_zip_with_columns_mapped_to_fields_of_other_names_and_columns_left_out()
    {
        var host = Import(
        [
            Csv(("id", "10"), ("nom", "Dupont"), ("mail", "dupont@example.com"), ("internal", "x")),
            Csv(("id", "11"), ("nom", "Durand"), ("mail", "durand@example.com"), ("internal", "y")),
        ], setup: o =>
        {
            o.Compression = EtlCompression.Zip;
            o.Mapping = new Dictionary<string, string> { ["id"] = "customerId", ["nom"] = "lastName", ["mail"] = "emailAddress" };
            o.ExcludeProperty = ["internal"];
            o.Wait = true;
        });

        Assert.Equal(2L, Single(host).Results!.Inserted);
        Assert.Equal(("Dupont", "dupont@example.com"), (Profile(10).Attributes["lastName"], Profile(10).Attributes["emailAddress"]));
        Assert.Equal("ZIP", Assert.Single(Admin.GetEtlExecutions()).Compression);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void Rows_written_but_never_completed_leave_no_spool_file()
    {
        using (var operation = Start(Connect(), new RecordingHost()))
        {
            operation.Process(Row(("customerId", 1)));
            operation.Process(Row(("customerId", 2)));
            Assert.NotEmpty(SpoolFiles());
        }

        Assert.Empty(SpoolFiles());
        Assert.Empty(Uploads());
    }

    [Fact]
    public void Stopping_during_the_upload_ends_at_once_and_keeps_the_file_that_may_have_arrived()
    {
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 5000, Method = "POST", PathContains = "/etl-executions", Count = 1 });
        using var stop = new CancellationTokenSource();
        var connection = Connect();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        using (var operation = Start(connection, new RecordingHost(), cancellationToken: stop.Token))
        {
            operation.Process(Row(("customerId", 1)));
            stop.CancelAfter(300);
            Assert.ThrowsAny<OperationCanceledException>(() => operation.Complete());
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"{watch.Elapsed}");
        Assert.Single(SpoolFiles());
    }

    [Fact]
    public void Rows_that_Actito_would_refuse_are_all_named_and_nothing_is_sent()
    {
        var connection = Connect();
        var host = new RecordingHost();
        using var operation = Start(connection, host);
        operation.Process(Row(("customerId", 1), ("lastName", "Fine")));
        operation.Process(Row(("customerId", "abc"), ("lastName", "Bad id")));
        operation.Process(Row(("customerId", 3), ("nickname", "Nick")));
        operation.Process(Row(("customerId", 4), ("lastName", Row(("nested", "value")))));
        operation.Process(Row(("customerId", 5), ("lastMailOpeningMoment", new DateTime(2024, 1, 1))));
        for (var i = 6; i <= 300; i++) operation.Process(Row(("customerId", i), ("lastName", "More")));

        var refused = Assert.Throws<ActitoImportCheckException>(() => operation.Complete());

        Assert.Equal(4, refused.Problems.Count);
        Assert.Contains(refused.Problems, p => p.Contains("'nickname'") && p.Contains(Table));
        Assert.Contains(refused.Problems, p => p.Contains("'customerId'") && p.Contains("row 2") && p.Contains("'abc'"));
        Assert.Contains(refused.Problems, p => p.Contains("'lastName'") && p.Contains("row 4"));
        Assert.Contains(refused.Problems, p => p.Contains("lastMailOpeningMoment") && p.Contains("CreateOnly"));
        Assert.Contains("300 rows", refused.Message);
        Assert.All(refused.Problems, p => Assert.Contains(p, refused.Message));
        Assert.Empty(Uploads());
        Assert.Empty(Admin.GetEtlExecutions());
        Assert.Empty(SpoolFiles());
        Assert.Empty(host.Output);
    }

    [Theory]
    [InlineData(EtlMode.UpdateOnly, null)]
    [InlineData(EtlMode.Delete, null)]
    [InlineData(EtlMode.CreateOrUpdate, null)]
    [InlineData(EtlMode.CreateOnly, Tickets)]
    public void Rows_without_a_key_column_are_refused_where_the_mode_matches_rows(EtlMode mode, string? customTable)
    {
        var rows = customTable == null
            ? new object?[] { Row(("lastName", "A")), Row(("firstName", "B")) }
            : [Row(("montant", 1), ("refMagasin", "1")), Row(("montant", 2), ("refMagasin", "2"))];

        var refused = Assert.Throws<ActitoImportCheckException>(() => Import(rows, mode, customTable));

        var problem = Assert.Single(refused.Problems);
        Assert.Contains(customTable == null ? "customerId" : "ref", problem);
        Assert.Contains("key", problem);
        Assert.Empty(Uploads());
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void A_key_column_that_only_a_later_row_brings_satisfies_the_check()
    {
        SeedProfiles(Csv(("customerId", "3"), ("lastName", "Before")));

        var host = Import([Row(("lastName", "NoKey")), Row(("lastName", "Keyed"), ("customerId", 3))], EtlMode.UpdateOnly, setup: o => o.Wait = true);

        Assert.Equal("Keyed", Profile(3).Attributes["lastName"]);
        // The row without a key is Actito's line error, not a refusal of the whole input.
        Assert.Equal((1L, 1L), (Single(host).Results!.Updated, Single(host).Results!.InError));
    }

    [Fact]
    public void Answering_no_to_should_process_sends_nothing_and_leaves_no_file()
    {
        var host = new RecordingHost { WhatIf = true };

        Import([Row(("customerId", 1)), Row(("customerId", 2)), Row(("customerId", 3))], host: host);

        var target = Assert.Single(host.ShouldProcessTargets);
        Assert.Contains("3 rows", target);
        Assert.Contains(Table, target);
        Assert.Empty(host.Output);
        Assert.Empty(Uploads());
        Assert.Empty(Admin.GetEtlExecutions());
        Assert.Empty(Profiles());
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void Out_file_writes_the_import_file_and_sends_nothing()
    {
        var outFile = Path.Combine(Work, "profiles.csv.gz");

        var host = Import([Row(("customerId", 1), ("lastName", "Dubois, Jr")), Row(("customerId", 2), ("lastName", "Peeters"))], setup: o => o.OutFile = outFile);

        var written = Assert.IsType<EtlFile>(Assert.Single(host.Output));
        Assert.Equal((outFile, 2L), (written.Path, written.Rows));
        Assert.Equal(new FileInfo(outFile).Length, written.Bytes);
        Assert.Equal([0x1f, 0x8b], File.ReadAllBytes(outFile).Take(2));
        Assert.Equal("customerId,lastName\r\n1,\"Dubois, Jr\"\r\n2,Peeters\r\n", CsvText(outFile));
        Assert.Empty(Uploads());
        Assert.Empty(Admin.GetEtlExecutions());
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void Out_file_of_rows_that_roll_into_parts_writes_one_file_a_part_beside_it()
    {
        var outFile = Path.Combine(Work, "big.csv.gz");

        var host = Import(ManyRows(), setup: o =>
        {
            o.MaxPartBytes = 4 * 1024;
            o.OutFile = outFile;
        });

        var files = host.Output.Cast<EtlFile>().ToList();
        Assert.True(files.Count >= 2, $"{files.Count} file(s)");
        Assert.Equal(outFile, files[0].Path);
        Assert.Equal(Path.Combine(Work, "big-part2.csv.gz"), files[1].Path);
        Assert.Equal(files.Select(f => f.Path).Order(), Directory.GetFiles(Work).Order());
        var ids = files.SelectMany(f => CsvText(f.Path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1))
            .Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, 10_000), ids);
        Assert.Empty(Uploads());
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void When_the_daily_imports_are_spent_the_file_is_kept_named_and_can_be_sent_again_later()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        Import([Row(("customerId", 1), ("lastName", "First"))]);

        var spent = Assert.Throws<ActitoImportQuotaException>(() => Import([Row(("customerId", 2), ("lastName", "Second")), Row(("customerId", 3), ("lastName", "Third"))]));

        Assert.True(File.Exists(spent.SpoolFile), spent.SpoolFile);
        Assert.Equal(Path.GetFullPath(Spool), Path.GetDirectoryName(Path.GetFullPath(spent.SpoolFile)));
        Assert.Contains(spent.SpoolFile, spent.Message);
        Assert.NotNull(spent.ResetsAt);
        Assert.True(spent.ResetsAt > DateTimeOffset.UtcNow);
        Assert.Equal(TimeSpan.Zero, spent.ResetsAt!.Value.UtcDateTime.TimeOfDay);
        Assert.Equal([201, 429], Uploads().Select(u => u.Status));
        Assert.False(HasProfile(2));

        // The kept file is the import as it would have been sent.
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 0 });
        var again = new RecordingHost();
        using (var operation = Start(Connect(), again))
        {
            operation.Wait = true;
            operation.ProcessFile(spent.SpoolFile);
            operation.Complete();
        }
        Assert.Equal(2L, Single(again).Results!.Inserted);
        Assert.Equal(("Second", "Third"), (Profile(2).Attributes["lastName"], Profile(3).Attributes["lastName"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_upload_whose_connection_drops_is_sent_once_and_its_file_kept_and_named(bool afterApply)
    {
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Drop, AfterApply = afterApply, Method = "POST", PathContains = "/etl-executions", Count = 1 });

        var failure = Assert.Throws<ActitoApiException>(() => Import([Row(("customerId", 1), ("lastName", "Dropped"))]));

        var kept = Assert.Single(SpoolFiles());
        Assert.Contains(kept, failure.Message);
        Assert.Contains("Get-ActitoEtlExecution", failure.Message);
        Assert.Single(Uploads());
        Assert.Equal(afterApply ? 1 : 0, Admin.GetEtlExecutions().Count);
        Assert.Equal("customerId,lastName\r\n1,Dropped\r\n", CsvText(kept));
    }
}
