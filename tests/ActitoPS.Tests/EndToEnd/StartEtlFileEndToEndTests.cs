using ActitoPS.Core.Http;
using ActitoPS.Core.MassImports;
using ActitoPS.Emulator;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.EndToEnd;

/// <summary>Start-ActitoEtl -Path: delivered files read through, checked, packed when plain, one execution each.</summary>
public sealed class StartEtlFileEndToEndTests : EtlEndToEndTest, IClassFixture<EmulatorFixture>
{
    public StartEtlFileEndToEndTests(EmulatorFixture emulator) : base(emulator)
    {
    }

    /// <summary>What Start-ActitoEtl -Path does: each file through one operation, then completion.</summary>
    private RecordingHost Send(IEnumerable<string> paths, EtlMode mode = EtlMode.CreateOrUpdate, string? customTable = null, Action<StartEtlOperation>? setup = null)
    {
        var host = new RecordingHost();
        using var operation = Start(Connect(), host, mode, customTable);
        setup?.Invoke(operation);
        foreach (var path in paths) operation.ProcessFile(path);
        operation.Complete();
        return host;
    }

    [Fact]
    public void A_plain_CSV_is_packed_to_gzip_in_the_spool_sent_and_the_packed_copy_deleted_while_the_users_file_stays()
    {
        var csv = "customerId,lastName\r\n1,Plain\r\n2,\"Quoted, comma\"\r\n";
        var path = WriteFile("profiles.csv", csv);

        var host = Send([path]);

        var execution = Single(host);
        Assert.Equal((path, 2L), (execution.File, execution.Rows));
        var sent = Ended(execution.Id);
        Assert.Equal(("GZIP", "FINISHED"), (sent.Compression, sent.Status));
        Assert.EndsWith(".csv.gz", sent.InputFileName);
        Assert.Equal(csv, File.ReadAllText(path));
        Assert.Empty(SpoolFiles());
        Assert.Equal(("Plain", "Quoted, comma"), (Profile(1).Attributes["lastName"], Profile(2).Attributes["lastName"]));
    }

    [Fact]
    public void A_gzip_and_a_zip_of_one_CSV_are_sent_as_they_are_and_left_in_place()
    {
        var gzip = WriteFile("tickets.csv.gz", Gzip("ref,refMagasin,montant,customerId\r\n900,A,1,1\r\n"));
        var zip = WriteFile("tickets.zip", Zip(("inside.csv", "ref,refMagasin,montant,customerId\r\n901,B,2,2\r\n")));
        var gzipBytes = File.ReadAllBytes(gzip);
        var zipBytes = File.ReadAllBytes(zip);

        var host = Send([gzip, zip], customTable: Tickets);

        Assert.Equal([gzip, zip], host.Output.Cast<EtlExecution>().Select(e => e.File));
        var sent = host.Output.Cast<EtlExecution>().Select(e => Ended(e.Id)).ToList();
        Assert.Equal([("GZIP", "tickets.csv.gz"), ("ZIP", "tickets.zip")], sent.Select(s => (s.Compression, s.InputFileName)));
        Assert.All(sent, s => Assert.Equal("FINISHED", s.Status));
        Assert.Equal(gzipBytes, File.ReadAllBytes(gzip));
        Assert.Equal(zipBytes, File.ReadAllBytes(zip));
        Assert.Empty(SpoolFiles());
        Assert.Equal(("A", "B"), (Record(900).Properties["refMagasin"], Record(901).Properties["refMagasin"]));
    }

    [Fact]
    public void A_semicolon_file_is_read_and_loaded_with_its_separator()
    {
        var path = WriteFile("semicolon.csv", "customerId;lastName;S_ClientType\r\n7;Smith, Jr;Bronze\r\n");

        var host = Send([path], setup: o =>
        {
            o.Separator = ';';
            o.Wait = true;
        });

        Assert.Equal((1L, 0L), (Single(host).Results!.Inserted, Single(host).Results!.InError));
        Assert.Equal("Smith, Jr", Profile(7).Attributes["lastName"]);
        Assert.Equal(["Bronze"], Profile(7).Segmentations["ClientType"]);
    }

    [Fact]
    public void A_semicolon_file_read_with_the_default_separator_is_refused_with_a_hint()
    {
        var path = WriteFile("semicolon.csv", "customerId;lastName\r\n7;Smith\r\n");

        var host = Send([path]);

        var error = Assert.Single(host.Errors);
        Assert.Equal("ActitoInvalidImport", error.ErrorId);
        Assert.Contains("-Separator ';'", error.Exception.Message);
        Assert.Empty(Uploads());
    }

    [Fact]
    public void Each_file_Actito_would_refuse_is_its_own_error_naming_the_line_and_the_next_file_is_still_sent()
    {
        var bom = WriteFile("bom.csv", [0xEF, 0xBB, 0xBF, .. "customerId,lastName\r\n1,Bom\r\n"u8.ToArray()]);
        // Line 2 holds a line break inside quotes: it is still one line of the file, so the short one is line 4.
        var count = WriteFile("count.csv", "customerId,lastName\r\n1,\"two\r\nlines\"\r\n2,Fine\r\n3,Too,many\r\n");
        var quote = WriteFile("quote.csv", "customerId,lastName\r\n1,Fine\r\n2,Fine\r\n3,Sm\"ith\r\n");
        var value = WriteFile("value.csv", "customerId,lastName\r\n1,Fine\r\nx2,Bad\r\n");
        var two = WriteFile("two.zip", Zip(("a.csv", "customerId\r\n1\r\n"), ("b.csv", "customerId\r\n2\r\n")));
        var good = WriteFile("good.csv", "customerId,lastName\r\n42,Good\r\n");

        var host = Send([bom, count, quote, value, two, good], setup: o => o.Wait = true);

        Assert.Equal([bom, count, quote, value, two], host.Errors.Select(e => e.TargetObject));
        Assert.All(host.Errors, e => Assert.Equal("ActitoInvalidImport", e.ErrorId));
        Assert.All(host.Errors, e => Assert.IsType<ActitoImportCheckException>(e.Exception));
        string Problem(string path) => Assert.Single(((ActitoImportCheckException)host.Errors.Single(e => Equals(e.TargetObject, path)).Exception).Problems);
        Assert.Contains("byte order mark", Problem(bom));
        Assert.StartsWith("line 4:", Problem(count));
        Assert.Contains("3 values", Problem(count));
        Assert.StartsWith("line 4:", Problem(quote));
        Assert.Contains("not valid CSV", Problem(quote));
        Assert.StartsWith("column 'customerId', line 3:", Problem(value));
        Assert.Contains("2 files", Problem(two));
        Assert.All(host.Errors, e => Assert.Contains((string)e.TargetObject!, e.Exception.Message));

        // Only the good file went, and it loaded.
        var upload = Assert.Single(Uploads());
        var execution = Single(host);
        Assert.Equal((good, "FINISHED"), (execution.File, execution.Status));
        Assert.Equal("Good", Assert.Single(Profiles()).Attributes["lastName"]);
        Assert.Equal(201, upload.Status);
        Assert.Empty(SpoolFiles());
    }

    [Fact]
    public void A_file_Actito_refuses_at_upload_is_that_files_error_and_the_next_is_sent()
    {
        Admin.AddFault(new FaultSpec { Kind = FaultKind.Status, Status = 400, Method = "POST", PathContains = "/etl-executions", Count = 1 });
        var first = WriteFile("first.csv", "customerId\r\n1\r\n");
        var second = WriteFile("second.csv", "customerId\r\n2\r\n");

        var host = Send([first, second]);

        var error = Assert.Single(host.Errors);
        Assert.Equal(first, error.TargetObject);
        Assert.Equal(400, Assert.IsType<ActitoApiException>(error.Exception).StatusCode);
        Assert.Equal("ActitoHttp400", error.ErrorId);
        Assert.Equal(second, Single(host).File);
        Assert.Equal([400, 201], Uploads().Select(u => u.Status));
        Assert.Equal(2, host.Stream.Count);
        Assert.Same(error, host.Stream[0]);
    }

    [Fact]
    public void Answering_no_sends_no_file_and_leaves_no_packed_copy()
    {
        var plain = WriteFile("plain.csv", "customerId\r\n1\r\n");
        var gzip = WriteFile("packed.csv.gz", Gzip("customerId\r\n2\r\n"));
        var host = new RecordingHost { WhatIf = true };
        using (var operation = Start(Connect(), host))
        {
            operation.ProcessFile(plain);
            operation.ProcessFile(gzip);
            operation.Complete();
        }

        Assert.Equal(2, host.ShouldProcessTargets.Count);
        Assert.Empty(host.Output);
        Assert.Empty(Uploads());
        Assert.Empty(SpoolFiles());
        Assert.True(File.Exists(plain));
        Assert.True(File.Exists(gzip));
    }

    [Fact]
    public void Out_file_packs_a_plain_CSV_there_and_sends_nothing()
    {
        var csv = "customerId,lastName\r\n1,Out\r\n";
        var path = WriteFile("plain.csv", csv);
        var outFile = Path.Combine(Work, "packed.csv.gz");

        var host = Send([path], setup: o => o.OutFile = outFile);

        var written = Assert.IsType<EtlFile>(Assert.Single(host.Output));
        Assert.Equal((outFile, 1L), (written.Path, written.Rows));
        Assert.Equal([0x1f, 0x8b], File.ReadAllBytes(outFile).Take(2));
        Assert.Equal(csv, CsvText(outFile));
        Assert.Equal(csv, File.ReadAllText(path));
        Assert.Empty(Uploads());
        Assert.Empty(Directory.GetFiles(Work).Except([path, outFile]));
    }

    [Fact]
    public void When_the_daily_imports_are_spent_a_packed_file_stays_in_the_spool_and_the_command_ends()
    {
        Admin.UpdateSettings(new EmulatorSettingsUpdate { BulkImportsPerTablePerDay = 1 });
        var first = WriteFile("first.csv", "customerId\r\n1\r\n");
        var second = WriteFile("second.csv", "customerId\r\n2\r\n");
        var third = WriteFile("third.csv", "customerId\r\n3\r\n");

        var spent = Assert.Throws<ActitoImportQuotaException>(() => Send([first, second, third]));

        var kept = Assert.Single(SpoolFiles());
        Assert.Equal(Path.GetFullPath(kept), Path.GetFullPath(spent.SpoolFile));
        Assert.Equal("customerId\r\n2\r\n", CsvText(kept));
        Assert.Equal([201, 429], Uploads().Select(u => u.Status));
        Assert.True(File.Exists(second));
    }

    [Fact]
    public void A_file_with_a_blank_line_is_refused_before_a_daily_import_is_spent_on_it()
    {
        var path = WriteFile("blank.csv", "customerId,lastName\r\n1,A\r\n\r\n2,B\r\n");

        var host = Send([path], setup: o => o.Wait = true);

        // Actito reads the blank line as a line of one empty value, and fails the whole execution for it.
        Assert.DoesNotContain(Admin.GetEtlExecutions(), e => e.Status == "FAILED");
        Assert.Empty(Uploads());
        var error = Assert.Single(host.Errors);
        Assert.Equal("ActitoInvalidImport", error.ErrorId);
        Assert.Contains("line 3", error.Exception.Message);
    }

    [Fact]
    public void A_gzip_cut_short_is_refused_before_a_daily_import_is_spent_on_it()
    {
        var text = new System.Text.StringBuilder("customerId,lastName\r\n");
        for (var i = 1; i <= 2000; i++) text.Append(i).Append(",Name").Append(i).Append("\r\n");
        var whole = Gzip(text.ToString());
        var path = WriteFile("cut.csv.gz", whole.Take(whole.Length / 2).ToArray());

        var host = Send([path], setup: o => o.Wait = true);

        Assert.DoesNotContain(Admin.GetEtlExecutions(), e => e.Status == "FAILED");
        Assert.Empty(Profiles());
        Assert.Empty(Uploads());
        Assert.Equal("ActitoInvalidImport", Assert.Single(host.Errors).ErrorId);
    }

    [Fact]
    public void No_row_and_no_file_is_an_argument_error()
    {
        using var operation = Start(Connect(), new RecordingHost());

        Assert.Throws<ArgumentException>(() => operation.Complete());
        Assert.Empty(Uploads());
    }
}
