using System.Text;
using ActitoPS.Core.MassImports;

namespace ActitoPS.Tests.MassImports;

/// <summary>An execution's error file read back as objects: its lines, the input rows they came from, their values.</summary>
public sealed class EtlErrorRowTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "actitops-tests", Guid.NewGuid().ToString("N"));

    public EtlErrorRowTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string File(string text, bool bom = false)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
        System.IO.File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    // As the emulator writes them (Actito's shape): three fixed columns, then the line's own values under the file's headers.
    private const string ErrorFile =
        "lineNumber,errorCode,errorMessage,customerId,lastName\r\n" +
        "3,INVALID_ATTRIBUTE_VALUE,\"Attribute 'birthDate': value '31/02/2019' is not a valid DATE, sorry.\",2,\"Smith, \"\"Jr\"\"\"\r\n" +
        "5,PROFILE_NOT_FOUND,No profile matches.,88,\"Two\r\nlines\"\r\n" +
        "6,PROFILE_NOT_FOUND,No profile matches.,89,Last\r\n";

    [Fact]
    public void Each_line_gives_its_line_its_input_row_its_code_its_message_and_its_values_in_the_files_order()
    {
        var rows = EtlErrorRow.Read(File(ErrorFile), 123456, 1).ToList();

        Assert.Equal([3L, 5L, 6L], rows.Select(r => r.Line));
        // The header is line 1, so line 3 is the second row sent.
        Assert.Equal([2L, 4L, 5L], rows.Select(r => r.Row));
        Assert.All(rows, r => Assert.Equal(123456, r.ExecutionId));
        Assert.Equal("INVALID_ATTRIBUTE_VALUE", rows[0].ErrorCode);
        Assert.Equal("Attribute 'birthDate': value '31/02/2019' is not a valid DATE, sorry.", rows[0].Message);
        Assert.Equal(["customerId", "lastName"], rows[0].Values.Keys.Cast<string>());
        Assert.Equal(["2", "Smith, \"Jr\""], rows[0].Values.Values.Cast<string>());
        Assert.Equal("Two\r\nlines", rows[1].Values["lastName"]);
        Assert.Equal("89", rows[2].Values["customerId"]);
    }

    [Fact]
    public void A_later_part_maps_its_lines_back_to_the_rows_of_the_whole_input()
    {
        var rows = EtlErrorRow.Read(File(ErrorFile), 7, firstRow: 1001).ToList();

        Assert.Equal([1002L, 1004L, 1005L], rows.Select(r => r.Row));
        Assert.Equal([3L, 5L, 6L], rows.Select(r => r.Line));
    }

    [Fact]
    public void The_first_three_columns_are_read_by_position_even_when_the_files_own_headers_share_their_names()
    {
        var text =
            "lineNumber,errorCode,errorMessage,lineNumber,errorCode,errorMessage,errorMessage\r\n" +
            "4,MISSING_KEY_VALUE,The key is missing.,42,MINE,my message,again\r\n";

        var row = Assert.Single(EtlErrorRow.Read(File(text), 1, 1));

        Assert.Equal((4L, 3L, "MISSING_KEY_VALUE", "The key is missing."), (row.Line, row.Row, row.ErrorCode, row.Message));
        Assert.Equal("42", row.Values["lineNumber"]);
        Assert.Equal("MINE", row.Values["errorCode"]);
        Assert.Equal("my message", row.Values["errorMessage"]);
        // A header twice among the values keeps both.
        Assert.Equal(4, row.Values.Count);
        Assert.Contains("again", row.Values.Values.Cast<string>());
    }

    [Fact]
    public void A_byte_order_mark_does_not_hide_the_first_column_and_an_empty_file_has_no_row()
    {
        var withBom = Assert.Single(EtlErrorRow.Read(File("lineNumber,errorCode,errorMessage,customerId\r\n2,X,Y,1\r\n", bom: true), 1, 1));
        var empty = EtlErrorRow.Read(File(""), 1, 1);
        var headerOnly = EtlErrorRow.Read(File("lineNumber,errorCode,errorMessage,customerId\r\n"), 1, 1);

        Assert.Equal((2L, 1L, "1"), (withBom.Line, withBom.Row, (string)withBom.Values["customerId"]!));
        Assert.Empty(empty);
        Assert.Empty(headerOnly);
    }

    [Fact]
    public void A_line_number_that_is_not_a_number_maps_to_no_row()
    {
        var row = Assert.Single(EtlErrorRow.Read(File("lineNumber,errorCode,errorMessage,customerId\r\n?,X,Y,1\r\n"), 1, 1001));

        Assert.Equal((0L, 0L), (row.Line, row.Row));
    }

    [Fact]
    public void A_short_line_gives_empty_values_for_the_columns_it_lacks()
    {
        var row = Assert.Single(EtlErrorRow.Read(File("lineNumber,errorCode,errorMessage,customerId,lastName\r\n2,X,Y,1\r\n"), 1, 1));

        Assert.Equal("1", row.Values["customerId"]);
        Assert.Equal("", row.Values["lastName"]);
    }
}
