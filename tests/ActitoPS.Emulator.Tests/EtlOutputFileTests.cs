using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActitoPS.Emulator.Tests.Support;

namespace ActitoPS.Emulator.Tests;

/// <summary>The error and result files: listed only when asked for, CSV in UTF-8 without BOM, RFC 4180.</summary>
public sealed class EtlOutputFileTests : EtlTest
{
    [Fact]
    public async Task A_line_in_error_is_in_the_error_file_with_its_number_code_message_and_its_own_values()
    {
        const string Csv = "customerId;birthDate;lastName\n1;1967-05-26;Fine\n2;31/02/2019;\"Smith, \"\"Jr\"\"\nII 😀\"\n";
        var id = await StartAsync(Csv, Definition("customerId,birthDate,lastName", separator: ";", errorFiles: true));
        await WaitForEndAsync(id);

        using var list = await Http.GetAsync($"{Executions}/{id}/output-files");
        var file = (await ReadJsonAsync(list)).GetProperty("outputFiles")[0];
        var bytes = await DownloadAsync(file);

        const string Expected =
            "lineNumber,errorCode,errorMessage,customerId,birthDate,lastName\r\n"
            + "3,INVALID_ATTRIBUTE_VALUE,Attribute 'birthDate': value '31/02/2019' is not a valid DATE (expected yyyy-MM-dd or dd/MM/yyyy).,2,31/02/2019,\"Smith, \"\"Jr\"\"\nII 😀\"\r\n";
        Assert.Equal(Expected, Encoding.UTF8.GetString(bytes));
        Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.Equal(
            JsonNode.Parse($$"""
                {"executionId":123456,"status":"FINISHED","outputFiles":[{"name":"etl-execution-123456-errors.csv","kind":"ERROR","lines":1,
                 "sizeBytes":{{bytes.Length}},"downloadPath":"/mass-imports/v5/entities/MyEntity/etl-executions/123456/output-files/etl-execution-123456-errors.csv"}]}
                """)!.ToJsonString(),
            JsonNode.Parse(await list.Content.ReadAsStringAsync())!.ToJsonString());
    }

    [Fact]
    public async Task The_result_file_says_what_became_of_each_loaded_line_and_on_which_profile()
    {
        var existing = await CreateProfileAsync(("customerId", 1));
        var id = await StartAsync("customerId,lastName\n1,Updated\nx,Bad\n2,New\n", Definition("customerId,lastName", errorFiles: true, resultFiles: true));
        await WaitForEndAsync(id);
        var created = Profile("customerId", "2").ProfileId;

        var files = await OutputFilesAsync(id);
        var results = Encoding.UTF8.GetString(await DownloadAsync(files["RESULT"]));
        var errors = Encoding.UTF8.GetString(await DownloadAsync(files["ERROR"]));

        Assert.Equal(
            "lineNumber,result,profileId,customerId,lastName\r\n"
            + $"2,UPDATED,{existing},1,Updated\r\n"
            + $"4,INSERTED,{created},2,New\r\n",
            results);
        Assert.StartsWith("lineNumber,errorCode,errorMessage,customerId,lastName\r\n3,INVALID_ATTRIBUTE_VALUE,", errors);
        Assert.Equal(["ERROR", "RESULT"], files.Keys.Order());
        Assert.Equal((2, 1), (files["RESULT"].GetProperty("lines").GetInt32(), files["ERROR"].GetProperty("lines").GetInt32()));
        Assert.EndsWith("/etl-execution-123456-results.csv", files["RESULT"].GetProperty("downloadPath").GetString());
    }

    [Fact]
    public async Task Deleted_lines_are_DELETED_in_the_result_file()
    {
        var gone = await CreateProfileAsync(("customerId", 1));
        var id = await StartAsync("customerId\n1\n", Definition("customerId", "DELETE", resultFiles: true));
        await WaitForEndAsync(id);

        var results = Encoding.UTF8.GetString(await DownloadAsync((await OutputFilesAsync(id))["RESULT"]));

        Assert.Equal($"lineNumber,result,profileId,customerId\r\n2,DELETED,{gone},1\r\n", results);
    }

    [Fact]
    public async Task A_custom_tables_result_file_names_each_lines_business_key()
    {
        var id = await StartAsync("ref,refMagasin,montant,customerId\n185,2,93,34567\n32,7,124,25716\n", TicketDefinition(resultFiles: true));
        await WaitForEndAsync(id);

        var results = Encoding.UTF8.GetString(await DownloadAsync((await OutputFilesAsync(id))["RESULT"]));

        Assert.Equal(
            "lineNumber,result,businessKey,ref,refMagasin,montant,customerId\r\n2,INSERTED,185,185,2,93,34567\r\n3,UPDATED,32,32,7,124,25716\r\n",
            results);
    }

    [Fact]
    public async Task A_custom_table_line_in_error_carries_the_record_calls_code()
    {
        var id = await StartAsync("ref,refMagasin,montant,customerId\n32,7,124,25716\nabc,1,1,1\n", TicketDefinition(mode: "CREATE_ONLY", errorFiles: true));
        await WaitForEndAsync(id);

        var errors = Encoding.UTF8.GetString(await DownloadAsync((await OutputFilesAsync(id))["ERROR"]));

        Assert.Contains("\r\n2,RECORD_ALREADY_EXISTS,\"A record with ref=32 already exists in custom table 'DemoDocTickets', and the import mode is CREATE_ONLY.\",32,7,124,25716\r\n", errors);
        Assert.Contains("\r\n3,INVALID_FIELD_VALUE,Field 'ref': value 'abc' is not a valid Long", errors);
    }

    [Fact]
    public async Task No_output_file_is_produced_unless_the_definition_asks_for_it()
    {
        var id = await StartAsync("customerId,birthDate\n1,bad\n2,1967-05-26\n", Definition("customerId,birthDate"));

        AssertCounters(await WaitForEndAsync(id), read: 2, inError: 1, inserted: 1, updated: 0, deleted: 0);
        Assert.Empty(await OutputFilesAsync(id));
    }

    [Fact]
    public async Task No_error_file_is_listed_when_no_line_failed()
    {
        var id = await StartAsync("customerId\n1\n", Definition("customerId", errorFiles: true, resultFiles: true));
        await WaitForEndAsync(id);

        Assert.Equal(["RESULT"], (await OutputFilesAsync(id)).Keys);
    }

    [Fact]
    public async Task An_unknown_output_file_is_404_OUTPUT_FILE_NOT_FOUND()
    {
        var id = await StartAsync("customerId\n1\n", Definition("customerId", errorFiles: true));
        await WaitForEndAsync(id);

        using var response = await Http.GetAsync($"{Executions}/{id}/output-files/etl-execution-{id}-errors.csv");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "OUTPUT_FILE_NOT_FOUND");
    }

    [Fact]
    public async Task An_ISO_8859_1_files_errors_come_back_in_UTF8()
    {
        var definition = Definition("customerId,lastName", errorFiles: true);
        definition["inputFileProperties"]!["csvFormat"]!["encoding"] = "ISO-8859-1";
        var id = await StartAsync(Encoding.Latin1.GetBytes("customerId,lastName\nnot a number,Zoë\n"), definition);
        await WaitForEndAsync(id);

        var bytes = await DownloadAsync((await OutputFilesAsync(id))["ERROR"]);

        Assert.EndsWith(",not a number,Zoë\r\n", new UTF8Encoding(false, true).GetString(bytes));
    }

    [Fact]
    public async Task Line_numbers_count_records_so_a_value_holding_line_breaks_does_not_shift_them()
    {
        const string Csv = "customerId,lastName\n1,\"three\nphysical\nlines\"\nbad,Jones\n";
        var id = await StartAsync(Csv, Definition("customerId,lastName", errorFiles: true));
        await WaitForEndAsync(id);

        var errors = Encoding.UTF8.GetString(await DownloadAsync((await OutputFilesAsync(id))["ERROR"]));

        Assert.StartsWith("3,INVALID_ATTRIBUTE_VALUE,", errors.Split("\r\n")[1]);
    }
}
