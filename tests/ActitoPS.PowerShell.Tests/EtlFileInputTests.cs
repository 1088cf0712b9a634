using System.IO.Compression;
using System.Management.Automation;
using ActitoPS.PowerShell.Tests.Harness;

namespace ActitoPS.PowerShell.Tests;

/// <summary>Start-ActitoEtl -Path with each kind of delivered file: plain CSV, CSV.gz, a ZIP of one CSV, by pipeline from Get-ChildItem, and files Actito would refuse.</summary>
public sealed class EtlFileInputTests(EmulatorFixture emulator) : EtlInEngineTest(emulator)
{
    private static readonly string SampleText = File.ReadAllText(EmulatorFixture.SamplePath("profiles.csv"));

    private static int SampleRows => File.ReadAllLines(EmulatorFixture.SamplePath("profiles.csv")).Length - 1;

    private string CopySample(string name = "profiles.csv")
    {
        var path = Path.Combine(Work, name);
        File.Copy(EmulatorFixture.SamplePath("profiles.csv"), path);
        return path;
    }

    private string Write(string name, string text, bool bom = false)
    {
        var path = Path.Combine(Work, name);
        File.WriteAllText(path, text, bom ? new System.Text.UTF8Encoding(true) : Utf8NoBom);
        return path;
    }

    private void AssertSampleLoaded(PSObject execution, string file)
    {
        Assert.Equal("FINISHED", Prop(execution, "Status"));
        Assert.Equal((long)SampleRows, Prop(execution, "Rows"));
        Assert.Equal((long)SampleRows, Prop(execution, "Inserted"));
        Assert.Equal(0L, Prop(execution, "LinesInError"));
        Assert.Equal(file, Prop(execution, "File"));
        Assert.Equal(SampleRows, Profiles().Count);
        Assert.Equal("Ixelles, Bruxelles", Profile("10004")!.Attributes["addressLocality"]);
        Assert.Equal("Hélène", Profile("10001")!.Attributes["firstName"]);
        Assert.True(File.Exists(file), "a file given with -Path is the user's: it is never deleted");
    }

    [Fact]
    public void A_plain_csv_is_packed_sent_and_left_where_it_was()
    {
        ConnectFast();
        var file = CopySample();

        var result = Session.Run($"Start-ActitoEtl -Path {Q(file)} -Table MyWebsiteProfiles -Wait").AssertClean();

        AssertSampleLoaded(Assert.Single(result.Output), file);
        Assert.Equal(SampleText, File.ReadAllText(file));
        var sent = Assert.Single(Emulator.Admin.GetEtlExecutions());
        Assert.Equal("GZIP", sent.Compression);
        Assert.Single(Uploads());
    }

    [Fact]
    public void A_csv_gz_is_sent_as_it_is()
    {
        ConnectFast();
        var file = Path.Combine(Work, "profiles.csv.gz");
        using (var gzip = new GZipStream(File.Create(file), CompressionLevel.Fastest))
            gzip.Write(File.ReadAllBytes(EmulatorFixture.SamplePath("profiles.csv")));
        var bytes = File.ReadAllBytes(file);

        var result = Session.Run($"Start-ActitoEtl -Path {Q(file)} -Table MyWebsiteProfiles -Wait").AssertClean();

        var execution = Assert.Single(result.Output);
        AssertSampleLoaded(execution, file);
        Assert.Equal((long)bytes.Length, Prop(execution, "BytesSent"));
        Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.Equal("GZIP", Assert.Single(Emulator.Admin.GetEtlExecutions()).Compression);
    }

    [Fact]
    public void A_zip_of_one_csv_is_sent_as_it_is()
    {
        ConnectFast();
        var file = Path.Combine(Work, "delivery.zip");
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Create))
            zip.CreateEntryFromFile(EmulatorFixture.SamplePath("profiles.csv"), "whatever-name.csv");

        var result = Session.Run($"Start-ActitoEtl -Path {Q(file)} -Table MyWebsiteProfiles -Wait").AssertClean();

        var execution = Assert.Single(result.Output);
        AssertSampleLoaded(execution, file);
        Assert.Equal(new FileInfo(file).Length, Prop(execution, "BytesSent"));
        Assert.Equal("ZIP", Assert.Single(Emulator.Admin.GetEtlExecutions()).Compression);
    }

    [Fact]
    public void Get_ChildItem_output_binds_by_FullName_and_each_file_is_an_execution()
    {
        ConnectFast();
        var first = Write("first.csv", "customerId,lastName\r\n73001,First\r\n73002,First\r\n");
        var second = Write("second.csv", "customerId,lastName\r\n73003,Second\r\n");
        Write("ignored.txt", "customerId,lastName\r\n73009,Ignored\r\n");

        var result = Session.Run($"Get-ChildItem {Q(Work)} -Filter *.csv | Start-ActitoEtl -Table MyWebsiteProfiles -Wait").AssertClean();

        var files = result.Output.Select(e => (string)Prop(e, "File")!).Order().ToList();
        Assert.Equal([first, second], files);
        Assert.All(result.Output, e => Assert.Equal("FINISHED", Prop(e, "Status")));
        Assert.Equal(2, Uploads().Count);
        Assert.Equal(["73001", "73002", "73003"], Profiles().Select(p => p.Attributes["customerId"]!).Order().ToList());
    }

    [Fact]
    public void Files_from_the_pipeline_are_each_an_execution_when_Path_is_bound_from_each_one()
    {
        ConnectFast();
        var first = Write("first.csv", "customerId,lastName\r\n73011,First\r\n");
        var second = Write("second.csv", "customerId,lastName\r\n73012,Second\r\n73013,Second\r\n");

        // A delay-bind script block: -Path is on the command line, so the Path parameter set is the one chosen.
        var result = Session.Run($"Get-ChildItem {Q(Work)} -Filter *.csv | Start-ActitoEtl -Table MyWebsiteProfiles -Path {{ $_.FullName }} -Wait").AssertClean();

        Assert.Equal([first, second], result.Output.Select(e => (string)Prop(e, "File")!).Order().ToList());
        Assert.Equal([1L, 2L], result.Output.Select(e => (long)Prop(e, "Rows")!).Order().ToList());
        Assert.Equal(2, Uploads().Count);
        Assert.Equal(3, Profiles().Count);
    }

    [Fact]
    public void A_file_with_a_BOM_and_one_with_a_wrong_column_count_are_each_an_error_naming_the_problem_and_the_others_are_sent()
    {
        ConnectFast();
        var good = Write("a-good.csv", "customerId,lastName\r\n73101,Good\r\n");
        var bom = Write("b-bom.csv", "customerId,lastName\r\n73102,Bom\r\n", bom: true);
        var columns = Write("c-columns.csv", "customerId,lastName\r\n73103,Ok\r\n73104,Too,many\r\n73105,Ok\r\n");
        var alsoGood = Write("d-good.csv", "customerId,lastName\r\n73106,Also good\r\n");

        var result = Session.Run($"Start-ActitoEtl -Path {Q(Path.Combine(Work, "*.csv"))} -Table MyWebsiteProfiles -Wait");

        Assert.Null(result.Terminated);
        // -Wait writes each execution as it finishes, as Wait-ActitoEtl does: in any order.
        Assert.Equal([good, alsoGood], result.Output.Select(e => (string)Prop(e, "File")!).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal("ActitoInvalidImport,ActitoPS.MassImports.StartActitoEtlCommand", e.FullyQualifiedErrorId));
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category));
        var bomError = result.Errors.Single(e => Equals(e.TargetObject, bom));
        Assert.Contains("byte order mark", bomError.Exception.Message);
        Assert.Contains(bom, bomError.Exception.Message);
        var columnError = result.Errors.Single(e => Equals(e.TargetObject, columns));
        Assert.Contains("line 3:", columnError.Exception.Message);
        Assert.Contains("3 values where the header has 2", columnError.Exception.Message);
        Assert.Equal(2, Uploads().Count);
        Assert.Equal(["73101", "73106"], Profiles().Select(p => p.Attributes["customerId"]!).Order().ToList());
    }

    [Fact]
    public void A_file_Actito_would_refuse_is_refused_alone_with_ErrorAction_Stop_ending_the_command()
    {
        ConnectFast();
        var bom = Write("bom.csv", "customerId,lastName\r\n73201,Bom\r\n", bom: true);

        var error = Session.Catch($"Start-ActitoEtl -Path {Q(bom)} -Table MyWebsiteProfiles -ErrorAction Stop");

        Assert.Equal("ActitoInvalidImport,ActitoPS.MassImports.StartActitoEtlCommand", error.FullyQualifiedErrorId);
        Assert.Empty(Uploads());
        Assert.Empty(Emulator.Admin.GetEtlExecutions());
    }

    [Fact]
    public void A_missing_file_is_an_error_of_its_own()
    {
        ConnectFast();
        var good = Write("good.csv", "customerId,lastName\r\n73301,Good\r\n");
        var missing = Path.Combine(Work, "missing.csv");

        var result = Session.Run($"Start-ActitoEtl -Path {Q(missing)}, {Q(good)} -Table MyWebsiteProfiles -Wait");

        Assert.Equal("ActitoImportFileNotFound,ActitoPS.MassImports.StartActitoEtlCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(good, Prop(Assert.Single(result.Output), "File"));
        Assert.Single(Uploads());
    }
}
