using System.Net;
using System.Text.Json;
using ActitoPS.Emulator;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>TRIGGERED ETLs (New-, Get-, Remove-ActitoEtl; Start-ActitoEtl -EtlId and -File) and webhooks on their executions.</summary>
public sealed class TriggeredEtlTests(EmulatorFixture emulator) : EtlInEngineTest(emulator)
{
    /// <summary>The guide's "profiles and orders" ETL on the sample licence: profiles into MyWebsiteProfiles, tickets into DemoDocTickets.</summary>
    private const string TwoFileDefinition = """
        @{
            type = 'TRIGGERED'; name = 'profiles-and-tickets'
            fileTransfer = @{ input = @{ files = @(
                @{ fileCode = 'profiles'; fileNamePattern = 'profiles_$YYYYMMDD.csv' }
                @{ fileCode = 'tickets'; fileNamePattern = 'tickets.csv' }) } }
            inputFilesProperties = @(@{ fileCode = 'profiles'; csvFormat = @{ separator = ';' } })
            dataLoadings = @(
                @{ fileCode = 'profiles'; destination = @{ type = 'PROFILE_TABLE'; id = '1'; attributesMapping = @(
                    @{ header = 'customerId'; attributeName = 'customerId' }, @{ header = 'mail'; attributeName = 'emailAddress' }, @{ header = 'lastName'; attributeName = 'lastName' }) }
                   parameters = @{ mode = 'CREATE_OR_UPDATE'; generateErrorFiles = $true } }
                @{ fileCode = 'tickets'; destination = @{ type = 'CUSTOM_TABLE'; id = 'DemoDocTickets'; attributesMapping = @(
                    @{ header = 'ref'; attributeName = 'ref' }, @{ header = 'shop'; attributeName = 'refMagasin' }, @{ header = 'amount'; attributeName = 'montant' }, @{ header = 'customerId'; attributeName = 'customerId' }) }
                   parameters = @{ mode = 'CREATE_OR_UPDATE'; generateErrorFiles = $true } })
        }
        """;

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(Work, name);
        File.WriteAllText(path, text, Utf8NoBom);
        return path;
    }

    private string NewTwoFileEtl() =>
        (string)Session.Run($"(New-ActitoEtl -Definition {TwoFileDefinition}).Id").AssertClean().Output.Single().BaseObject;

    [Fact]
    public void A_one_table_ETL_from_parameters_maps_every_field_and_takes_the_quick_starts_rows()
    {
        ConnectFast();

        var etl = Session.Run("New-ActitoEtl -Name partners -Table MyWebsiteProfiles").AssertClean().Output.Single();
        var id = (string)Rows.Property(etl, "Id")!;
        var execution = Session.Run($"{Rows.ImportSample()} | Start-ActitoEtl -EtlId {id} -Wait").AssertClean().Output.Single();

        Assert.Equal(["MyWebsiteProfiles"], (IEnumerable<string>)Rows.Property(etl, "Tables")!);
        Assert.Equal("FINISHED", Rows.Property(execution, "Status"));
        Assert.Equal(id, Rows.Property(execution, "EtlId"));
        var rows = File.ReadAllLines(EmulatorFixture.SamplePath("profiles.csv")).Length - 1;
        Assert.Equal(rows, Profiles().Count);
        Assert.Contains(Emulator.Admin.GetRequestLog(), e => e.Method == "POST" && e.Path.EndsWith($"/etls/{id}/trigger-execution", StringComparison.Ordinal));
        Assert.Empty(Uploads());
    }

    [Fact]
    public void Two_files_go_in_one_archive_named_by_their_patterns_for_today_and_load_a_profile_table_and_a_custom_table()
    {
        ConnectFast();
        var id = NewTwoFileEtl();
        var profiles = WriteFile("p.csv", "customerId;mail;lastName\r\n70001;ann@example.com;Peeters\r\n70002;bob@example.com;Janssens\r\n");
        var tickets = WriteFile("t.csv", "ref,shop,amount,customerId\r\n9001,3,120,70001\r\n");

        var execution = Session.Run($"Start-ActitoEtl -EtlId {id} -File @{{ profiles = {Rows.Quote(profiles)}; tickets = {Rows.Quote(tickets)} }} -Wait").AssertClean().Output.Single();

        Assert.Equal("FINISHED", Rows.Property(execution, "Status"));
        Assert.Equal(3L, Rows.Property(execution, "LinesRead"));
        Assert.Equal("Peeters", Profile("70001")?.Attributes.GetValueOrDefault("lastName"));
        Assert.Equal("bob@example.com", Profile("70002")?.Attributes.GetValueOrDefault("emailAddress"));
        Assert.Equal("120", Ticket("9001")?.Properties.GetValueOrDefault("montant")?.ToString());
        var snapshot = Emulator.Admin.GetEtlExecutions().Single();
        Assert.Contains($"profiles_{DateTime.UtcNow:yyyyMMdd}.csv", JsonSerializer.Serialize(snapshot));
    }

    [Fact]
    public void A_file_the_ETL_expects_but_not_given_is_named_before_anything_is_sent()
    {
        ConnectFast();
        var id = NewTwoFileEtl();
        var profiles = WriteFile("p.csv", "customerId;mail;lastName\r\n70001;ann@example.com;Peeters\r\n");

        var result = Session.Run($"Start-ActitoEtl -EtlId {id} -File @{{ profiles = {Rows.Quote(profiles)} }}");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ActitoInvalidImport", error.FullyQualifiedErrorId);
        Assert.Contains("the ETL's file 'tickets' is not given", error.Exception.Message);
        Assert.DoesNotContain(Emulator.Admin.GetRequestLog(), e => e.Path.EndsWith("/trigger-execution", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_with_a_column_the_ETL_does_not_map_are_refused_before_sending()
    {
        ConnectFast();
        var id = (string)Session.Run("(New-ActitoEtl -Name partners -Table MyWebsiteProfiles -Mapping @{ customerId = 'customerId'; nom = 'lastName' }).Id").AssertClean().Output.Single().BaseObject;

        var error = Session.Catch($"{Rows.CsvRow(("customerId", "1"), ("nom", "Dubois"), ("ville", "Liège"))} | Start-ActitoEtl -EtlId {id}");

        Assert.StartsWith("ActitoInvalidImport", error.FullyQualifiedErrorId);
        Assert.Contains("the column 'ville' is not in the ETL's attributes mapping", error.Exception.Message);
        Assert.DoesNotContain(Emulator.Admin.GetRequestLog(), e => e.Path.EndsWith("/trigger-execution", StringComparison.Ordinal));
    }

    [Fact]
    public void A_definition_mapping_an_unknown_attribute_is_refused_and_never_posted()
    {
        ConnectFast();

        var error = Session.Catch("New-ActitoEtl -Name partners -Table MyWebsiteProfiles -Mapping @{ customerId = 'customerId'; colour = 'favouriteColour' }");

        Assert.StartsWith("ActitoInvalidImport", error.FullyQualifiedErrorId);
        Assert.Contains("favouriteColour", error.Exception.Message);
        Assert.DoesNotContain(Emulator.Admin.GetRequestLog(), e => e.Method == "POST" && e.Path.EndsWith("/etls", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_lists_and_Remove_deletes_with_confirmation_high_by_default()
    {
        ConnectFast();
        var id = NewTwoFileEtl();

        var listed = Session.Run("Get-ActitoEtl").AssertClean().Output;
        Session.Run($"Remove-ActitoEtl -Id {id} -WhatIf").AssertClean();
        var stillThere = Session.Run($"Get-ActitoEtl -Id {id}").AssertClean().Output;
        Session.Run($"Get-ActitoEtl -Id {id} | Remove-ActitoEtl -Confirm:$false").AssertClean();
        var gone = Session.Run($"Get-ActitoEtl -Id {id}");

        Assert.Equal([id], listed.Select(e => (string)Rows.Property(e, "Id")!));
        Assert.Equal("profiles-and-tickets", Rows.Property(stillThere.Single(), "Name"));
        Assert.Equal("ActitoNotFound", gone.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public async Task A_webhook_subscription_calls_the_listener_with_the_documented_payload_and_never_shows_its_header_values()
    {
        ConnectFast();
        var id = NewTwoFileEtl();
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = listener.GetContextAsync();

        var subscription = Session.Run($"New-ActitoWebhookSubscription -TargetUrl 'http://127.0.0.1:{port}/etlExecution' -EtlId {id} -Header @{{ 'X-Authorization' = 'Lkjvlknqdjd54DOJF' }}").AssertClean();
        Session.Render("Get-ActitoWebhookSubscription | Format-List *").AssertClean();
        var shown = Session.UI.Lines;
        var profiles = WriteFile("p.csv", "customerId;mail;lastName\r\n70001;ann@example.com;Peeters\r\n");
        var tickets = WriteFile("t.csv", "ref,shop,amount,customerId\r\n9001,3,120,70001\r\n");
        var execution = Session.Run($"Start-ActitoEtl -EtlId {id} -File @{{ profiles = {Rows.Quote(profiles)}; tickets = {Rows.Quote(tickets)} }}").AssertClean().Output.Single();

        var context = await received.WaitAsync(TimeSpan.FromSeconds(15));
        using var body = JsonDocument.Parse(new StreamReader(context.Request.InputStream).ReadToEnd());
        context.Response.StatusCode = 204;
        context.Response.Close();
        Assert.Equal("POST", context.Request.HttpMethod);
        Assert.Equal("/etlExecution", context.Request.Url!.AbsolutePath);
        Assert.Equal("Lkjvlknqdjd54DOJF", context.Request.Headers["X-Authorization"]);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(id, data.GetProperty("etl.id").GetString());
        Assert.Equal(Rows.Property(execution, "Id")!.ToString(), data.GetProperty("etl.executionId").GetString());
        Assert.Equal("SUCCESS", data.GetProperty("etl.executionStatus").GetString());
        Assert.Equal($"/mass-imports/v5/entities/MyEntity/etl-executions/{Rows.Property(execution, "Id")}", data.GetProperty("_links").GetProperty("etlExecution").GetProperty("href").GetString());
        Assert.True(Guid.TryParse(body.RootElement.GetProperty("id").GetString(), out _));
        Assert.Equal(["X-Authorization"], (IEnumerable<string>)Rows.Property(subscription.Output.Single(), "HeaderNames")!);
        Assert.DoesNotContain(shown.Concat(subscription.Output.Select(o => o.ToString())), l => l.Contains("Lkjvlknqdjd54DOJF", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
