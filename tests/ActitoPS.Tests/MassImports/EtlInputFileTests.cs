using System.IO.Compression;
using System.Text;
using ActitoPS.Core.CustomTables;
using ActitoPS.Core.MassImports;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Tests.MassImports;

/// <summary>A delivered file read through before it is sent: what Actito would refuse is found here, by line.</summary>
public sealed class EtlInputFileTests : IDisposable
{
    private static readonly ProfileTable Profiles = new("MyWebsiteProfiles", "1",
    [
        new ProfileAttribute("customerId", "INTEGER", unique: true, mandatory: false),
        new ProfileAttribute("emailAddress", "EMAIL", unique: true, mandatory: false),
        new ProfileAttribute("lastName", "STRING", false, false, maxLength: 255),
        new ProfileAttribute("birthDate", "DATE", false, false),
    ],
    ["Newsletter"],
    [new ProfileSegmentation("ClientType", ["Gold", "Silver"])]);

    private static readonly CustomTable Tickets = new("DemoDocTickets", "daf0", null, null, [],
    [
        new CustomTableField("ref", "Long", true, true), new CustomTableField("montant", "Long", false, true),
        new CustomTableField("id", "Long", true, true),
    ], "id", "ref");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "actitops-tests", Guid.NewGuid().ToString("N"));

    public EtlInputFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private string File(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private string File(string name, string text) => File(name, Utf8(text));

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(content);
        return buffer.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[]? Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name);
                if (content != null)
                {
                    using var stream = entry.Open();
                    stream.Write(content);
                }
            }
        }
        return buffer.ToArray();
    }

    private static (EtlInputFile.Reading Reading, EtlCheck Check) Check(string path, char separator = ',', EtlMode mode = EtlMode.CreateOrUpdate, EtlTarget? target = null)
    {
        var check = new EtlCheck(target ?? EtlTarget.For(Profiles), mode, null, "line");
        var reading = EtlInputFile.Check(path, separator, check, null, CancellationToken.None);
        return (reading, check);
    }

    private const string Sample = "customerId,lastName\r\n1,\"Smith\r\nJunior\"\r\n2,\"Line\nFeed\"\n3,Plain";

    [Fact]
    public void Records_are_counted_not_physical_lines_whatever_the_line_endings()
    {
        var (reading, check) = Check(File("sample.csv", Sample));

        Assert.Empty(check.Problems);
        Assert.Equal(3, reading.Rows);
        Assert.Equal(["customerId", "lastName"], reading.Header);
        Assert.False(reading.Compressed);
    }

    [Fact]
    public void A_gzip_and_a_zip_of_one_CSV_are_read_through_and_marked_compressed()
    {
        var gzip = Check(File("sample.csv.gz", Gzip(Utf8(Sample))));
        // Named by its bytes, not its name; a folder entry beside the one file is not a second file.
        var zip = Check(File("sample.bin", Zip(("folder/", null), ("folder/inside.txt", Utf8(Sample)))));

        Assert.Equal((3L, true), (gzip.Reading.Rows, gzip.Reading.Compressed));
        Assert.Equal((3L, true), (zip.Reading.Rows, zip.Reading.Compressed));
        Assert.Empty(gzip.Check.Problems);
        Assert.Empty(zip.Check.Problems);
    }

    [Fact]
    public void Line_numbers_count_the_header_as_line_1_and_a_quoted_line_break_does_not_shift_them()
    {
        var path = File("lines.csv", "customerId,lastName\r\n1,\"two\r\nlines\"\r\nx3,Bad\r\n4,Too,many\r\n5\r\n");

        var (_, check) = Check(path);

        // Both lines with the wrong number of values under one problem, named by the first's.
        Assert.Equal(2, check.Problems.Count);
        Assert.Contains(check.Problems, p => p.StartsWith("column 'customerId', line 3:", StringComparison.Ordinal) && p.Contains("'x3'"));
        Assert.Contains(check.Problems, p => p.StartsWith("lines 4, 5:", StringComparison.Ordinal) && p.Contains("3 values"));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_value_is_named_by_its_line()
    {
        var (_, check) = Check(File("quote.csv", "customerId,lastName\r\n1,Fine\r\n2,Sm\"ith\r\n"));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("line 3:", problem);
        Assert.Contains("not valid CSV", problem);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_named_by_its_line()
    {
        var (_, check) = Check(File("after.csv", "customerId,lastName\r\n1,Fine\r\n2,\"Smith\"Jr\r\n"));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("line 3:", problem);
    }

    [Fact]
    public void A_quoted_value_never_closed_is_a_problem()
    {
        var (_, check) = Check(File("open.csv", "customerId,lastName\r\n1,\"never closed\r\n2,x\r\n"));

        Assert.NotEmpty(check.Problems);
    }

    [Fact]
    public void A_blank_line_in_a_file_of_several_columns_is_a_wrong_column_count()
    {
        var (_, check) = Check(File("blank.csv", "customerId,lastName\r\n1,A\r\n\r\n2,B\r\n"));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("line 3:", problem);
    }

    [Fact]
    public void A_NUL_character_is_named_by_its_column_and_line()
    {
        var (_, check) = Check(File("nul.csv", "customerId,lastName\r\n1,Fine\r\n2,Bin\0ary\r\n"));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("column 'lastName', line 3:", problem);
        Assert.Contains("NUL", problem);
    }

    [Fact]
    public void A_byte_order_mark_is_named_once_and_the_first_header_still_maps()
    {
        var (reading, check) = Check(File("bom.csv", [0xEF, 0xBB, 0xBF, .. Utf8("customerId,lastName\r\n1,A\r\n")]));
        var gzipped = Check(File("bom.csv.gz", Gzip([0xEF, 0xBB, 0xBF, .. Utf8("customerId\r\n1\r\n")])));

        Assert.Contains("byte order mark", Assert.Single(check.Problems));
        Assert.Equal("customerId", reading.Header[0]);
        Assert.Contains("byte order mark", Assert.Single(gzipped.Check.Problems));
    }

    [Fact]
    public void An_empty_file_and_a_header_without_rows_are_refused()
    {
        var empty = Check(File("empty.csv", ""));
        var headerOnly = Check(File("header.csv", "customerId,lastName\r\n"));

        Assert.Contains("empty", Assert.Single(empty.Check.Problems));
        Assert.Contains("no row", Assert.Single(headerOnly.Check.Problems));
        Assert.Equal(0, headerOnly.Reading.Rows);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_refused()
    {
        var (_, check) = Check(File("latin1.csv", Encoding.Latin1.GetBytes("customerId,lastName\r\n1,Liège\r\n")));

        Assert.Contains(check.Problems, p => p.Contains("UTF-8"));
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_far_down_a_file_are_named_with_the_line_reading_had_reached()
    {
        var text = new StringBuilder("customerId,lastName\r\n");
        for (var i = 1; i <= 3000; i++) text.Append(i).Append(",Name").Append(i).Append("\r\n");
        var bytes = Utf8(text.ToString()).Concat(Encoding.Latin1.GetBytes("3001,Liège\r\n")).Concat(Utf8("3002,After\r\n")).ToArray();

        var (_, check) = Check(File("late-latin1.csv", bytes));

        // The text reader decodes ahead of the parser, so the line named is where reading stood: at or before the bad bytes.
        var problem = Assert.Single(check.Problems);
        var named = int.Parse(System.Text.RegularExpressions.Regex.Match(problem, @"at or after line (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("the file holds bytes that are not UTF-8", problem);
        Assert.InRange(named, 2800, 3002);
    }

    [Fact]
    public void An_archive_of_two_files_and_a_broken_gzip_are_refused_as_unreadable()
    {
        var two = Check(File("two.zip", Zip(("a.csv", Utf8("customerId\r\n1\r\n")), ("b.csv", Utf8("customerId\r\n2\r\n")))));
        // A gzip header, then a deflate block of the reserved type 11.
        var broken = Check(File("broken.csv.gz", [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff]));

        Assert.Contains("2 files", Assert.Single(two.Check.Problems));
        Assert.Contains("cannot be read", Assert.Single(broken.Check.Problems));
    }

    [Fact]
    public void A_gzip_cut_short_is_refused()
    {
        var text = new StringBuilder("customerId,lastName\r\n");
        for (var i = 1; i <= 2000; i++) text.Append(i).Append(",Name").Append(i).Append("\r\n");
        var whole = Gzip(Utf8(text.ToString()));

        var (_, check) = Check(File("cut.csv.gz", whole.Take(whole.Length / 2).ToArray()));

        Assert.NotEmpty(check.Problems);
    }

    [Fact]
    public void Duplicate_headers_unknown_columns_and_a_missing_key_are_named_from_the_header()
    {
        var (_, check) = Check(File("header.csv", "lastName,lastName,nickname\r\nA,B,C\r\n"), mode: EtlMode.UpdateOnly);

        Assert.Equal(3, check.Problems.Count);
        Assert.Contains(check.Problems, p => p.Contains("'lastName'") && p.Contains("2 times"));
        Assert.Contains(check.Problems, p => p.Contains("'nickname'"));
        Assert.Contains(check.Problems, p => p.Contains("no column holds a key"));
    }

    [Fact]
    public void A_custom_table_file_is_checked_against_its_fields_by_line()
    {
        var (_, check) = Check(File("tickets.csv", "ref,montant\r\n1,10\r\n2,12.5\r\n3,abc\r\n"), target: EtlTarget.For(Tickets));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("column 'montant', lines 3, 4:", problem);
    }

    [Fact]
    public void A_file_read_with_another_separator_is_refused_with_a_hint_and_read_with_its_own_is_fine()
    {
        var path = File("semicolon.csv", "customerId;lastName\r\n1;Dubois, Jr\r\n");

        var wrong = Check(path);
        var right = Check(path, ';');

        Assert.Contains(wrong.Check.Problems, p => p.Contains("'customerId;lastName'") && p.Contains("-Separator ';'"));
        Assert.Empty(right.Check.Problems);
        Assert.Equal(["customerId", "lastName"], right.Reading.Header);
    }

    [Fact]
    public void A_missing_file_is_an_argument_error()
    {
        var missing = Path.Combine(_folder, "missing.csv");

        var error = Assert.Throws<ArgumentException>(() => Check(missing));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void A_long_file_reports_progress_and_stops_when_cancelled()
    {
        var text = new StringBuilder("customerId\r\n");
        for (var i = 1; i <= 5000; i++) text.Append(i).Append("\r\n");
        var path = File("long.csv", text.ToString());
        var seen = new List<long>();

        var reading = EtlInputFile.Check(path, ',', new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOrUpdate, null, "line"), seen.Add, CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(5000, reading.Rows);
        Assert.NotEmpty(seen);
        Assert.Equal(seen.Order(), seen);
        Assert.All(seen, n => Assert.InRange(n, 1, 5000));
        Assert.ThrowsAny<OperationCanceledException>(() =>
            EtlInputFile.Check(path, ',', new EtlCheck(EtlTarget.For(Profiles), EtlMode.CreateOrUpdate, null, "line"), null, cancelled.Token));
    }

    [Theory]
    [InlineData(EtlCompression.Gzip)]
    [InlineData(EtlCompression.Zip)]
    public void A_plain_file_is_packed_into_the_spool_byte_for_byte(EtlCompression compression)
    {
        var source = File("plain.csv", Sample);
        var spool = Path.Combine(_folder, "spool");

        var packed = EtlInputFile.Pack(source, compression, spool, "MyWebsiteProfiles");

        Assert.Equal(spool, Path.GetDirectoryName(packed));
        Assert.StartsWith("MyWebsiteProfiles-", Path.GetFileName(packed));
        Assert.EndsWith(compression == EtlCompression.Zip ? ".zip" : ".csv.gz", packed);
        using (var stream = EtlFileReader.OpenCsv(packed))
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            Assert.Equal(System.IO.File.ReadAllBytes(source), copy.ToArray());
        }
        Assert.Equal(Utf8(Sample), System.IO.File.ReadAllBytes(source));
        if (compression == EtlCompression.Zip)
        {
            using var zip = ZipFile.OpenRead(packed);
            Assert.Equal("plain.csv", Assert.Single(zip.Entries).FullName);
        }
    }
}
