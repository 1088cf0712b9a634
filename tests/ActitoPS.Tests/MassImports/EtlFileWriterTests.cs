using System.IO.Compression;
using System.Text;
using ActitoPS.Core.MassImports;
using ActitoPS.Core.Records;
using ActitoPS.Tests.TestSupport;

namespace ActitoPS.Tests.MassImports;

/// <summary>The bulk-load file as Actito's guide asks for it, byte for byte.</summary>
public sealed class EtlFileWriterTests : IDisposable
{
    private readonly string _spool = Path.Combine(Path.GetTempPath(), "actitops-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_spool)) Directory.Delete(_spool, recursive: true);
    }

    private EtlFileOptions Options(EtlCompression compression = EtlCompression.Gzip, char separator = ',', long maxPartBytes = EtlFileOptions.ActitoMaxFileBytes) =>
        new() { SpoolDirectory = _spool, BaseName = "MyWebsiteProfiles", Compression = compression, Separator = separator, MaxPartBytes = maxPartBytes };

    private static ActitoRecord Row(params (string Name, object? Value)[] cells)
    {
        var record = new ActitoRecord();
        foreach (var (name, value) in cells) record.Add(name, value);
        return record;
    }

    private static IReadOnlyList<EtlFile> Write(EtlFileOptions options, params ActitoRecord[] rows)
    {
        using var writer = new EtlFileWriter(options);
        for (var i = 0; i < rows.Length; i++) writer.Add(rows[i], i + 1);
        return writer.Complete();
    }

    private static byte[] Bytes(EtlFile file)
    {
        using var stream = EtlFileReader.OpenCsv(file.Path);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Text(EtlFile file) => Encoding.UTF8.GetString(Bytes(file));

    [Fact]
    public void Rows_with_the_same_columns_go_into_one_gzip_file_in_UTF8_without_a_BOM_with_CRLF_lines()
    {
        var part = Assert.Single(Write(Options(), Row(("customerId", "1001"), ("lastName", "Dubois")), Row(("customerId", "1002"), ("lastName", "Peeters"))));

        Assert.EndsWith(".csv.gz", part.Path);
        Assert.Equal([0x1f, 0x8b], File.ReadAllBytes(part.Path).Take(2));
        Assert.Equal("customerId,lastName\r\n1001,Dubois\r\n1002,Peeters\r\n", Text(part));
        Assert.NotEqual(0xEF, Bytes(part)[0]);
        Assert.Equal(2, part.Rows);
        Assert.Equal(["customerId", "lastName"], part.Header);
    }

    [Fact]
    public void The_header_is_the_union_of_every_rows_columns_not_only_the_firsts()
    {
        var part = Assert.Single(Write(Options(),
            Row(("customerId", "1"), ("lastName", "A")),
            Row(("customerId", "2")),
            Row(("customerId", "3"), ("lastName", "C"), ("gsmNumber", "+32475")),
            Row(("customerId", "4"), ("firstName", "D"))));

        Assert.Equal("customerId,lastName,gsmNumber,firstName\r\n1,A,,\r\n2,,,\r\n3,C,+32475,\r\n4,,,D\r\n", Text(part));
        Assert.Empty(Directory.GetFiles(_spool, "*.pending.jsonl"));
        Assert.Empty(Directory.GetFiles(_spool, "*.early"));
    }

    [Fact]
    public void Quotes_separators_line_breaks_non_BMP_characters_empties_and_leading_zeros_arrive_as_RFC_4180_says()
    {
        var part = Assert.Single(Write(Options(separator: ';'),
            Row(("id", "007"), ("note", "a;b"), ("quote", "say \"hi\""), ("lines", "one\r\ntwo\nthree"), ("emoji", "🎉 Liège"), ("empty", ""), ("none", null))));

        Assert.Equal("id;note;quote;lines;emoji;empty;none\r\n007;\"a;b\";\"say \"\"hi\"\"\";\"one\r\ntwo\nthree\";🎉 Liège;;\r\n", Text(part));
    }

    public static TheoryData<string> Cultures => new() { "", "de-DE", "fr-BE", "nl-BE", "tr-TR", "ar-SA", "th-TH" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Typed_values_are_written_the_same_in_every_culture(string culture)
    {
        using var _ = new CultureScope(culture);

        var part = Assert.Single(Write(Options(),
            Row(("birthDate", new DateTime(2024, 3, 9)), ("seen", new DateTime(2024, 3, 9, 14, 5, 6)), ("amount", 1234.5d), ("ratio", 0.1m), ("count", 3),
                ("big", 10_000_000_000L), ("vip", true), ("off", false), ("name", "İi"))));

        Assert.Equal("birthDate,seen,amount,ratio,count,big,vip,off,name\r\n2024-03-09,2024-03-09 14:05:06,1234.5,0.1,3,10000000000,true,false,İi\r\n", Text(part));
    }

    [Fact]
    public void A_file_that_would_pass_the_size_limit_rolls_into_parts_each_with_the_header_and_no_row_is_lost()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(1, 40_000).Select(i => Row(("customerId", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("noise", Convert.ToBase64String(Enumerable.Range(0, 48).Select(_ => (byte)random.Next(256)).ToArray())))).ToArray();

        var parts = Write(Options(maxPartBytes: 400_000), rows);

        Assert.True(parts.Count >= 4, $"{parts.Count} part(s).");
        // A part passes the limit by at most what the writer and the compressor still held when it rolled.
        Assert.All(parts, p => Assert.InRange(p.Bytes, 1, 400_000 + EtlFileWriter.MaxBufferedBytes));
        Assert.Equal(Enumerable.Range(1, parts.Count), parts.Select(p => p.Part));
        Assert.All(parts, p => Assert.StartsWith("customerId,noise\r\n", Text(p)));
        var ids = parts.SelectMany(p => Text(p).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, 40_000), ids);
        Assert.Equal(40_000, parts.Sum(p => p.Rows));
    }

    [Fact]
    public void A_rewrite_for_a_late_column_keeps_the_rolled_parts_and_the_row_order()
    {
        var rows = Enumerable.Range(1, 20_000).Select(i => i == 15_000
            ? Row(("customerId", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("noise", new string('x', 40)), ("late", "L"))
            : Row(("customerId", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("noise", Guid.NewGuid().ToString("N")))).ToArray();

        var parts = Write(Options(maxPartBytes: 200_000), rows);

        Assert.True(parts.Count >= 2);
        Assert.All(parts, p => Assert.Equal(["customerId", "noise", "late"], p.Header));
        var lines = parts.SelectMany(p => Text(p).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)).ToList();
        Assert.Equal(Enumerable.Range(1, 20_000), lines.Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.EndsWith(",L", lines[14_999]);
        Assert.Equal(parts.Count, Directory.GetFiles(_spool).Length);
    }

    [Fact]
    public void A_zip_holds_exactly_one_CSV_and_an_uncompressed_file_is_the_CSV_itself()
    {
        var zipped = Assert.Single(Write(Options(EtlCompression.Zip), Row(("a", "1"))));
        var plain = Assert.Single(Write(Options(EtlCompression.None), Row(("a", "1"))));

        using (var zip = ZipFile.OpenRead(zipped.Path)) Assert.EndsWith(".csv", Assert.Single(zip.Entries).Name);
        Assert.Equal("a\r\n1\r\n", Text(zipped));
        Assert.Equal("a\r\n1\r\n", File.ReadAllText(plain.Path));
    }

    [Fact]
    public void A_value_with_no_CSV_form_is_the_rows_error_and_nothing_of_it_is_written()
    {
        using var writer = new EtlFileWriter(Options());
        writer.Add(Row(("a", "1")), 1);

        var error = Assert.Throws<ActitoRecordException>(() => writer.Add(Row(("a", "2"), ("nested", new ActitoRecord())), 2));
        writer.Add(Row(("a", "3")), 3);

        Assert.Equal(("nested", 2), (error.Field, error.RowNumber));
        Assert.Equal("a\r\n1\r\n3\r\n", Text(Assert.Single(writer.Complete())));
    }
}
