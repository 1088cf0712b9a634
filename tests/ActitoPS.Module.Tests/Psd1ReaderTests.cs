namespace ActitoPS.Module.Tests;

/// <summary>The manifest tests are only as honest as the reader: it must refuse what it does not understand.</summary>
public class Psd1ReaderTests
{
    [Fact]
    public void Reads_the_constructs_a_manifest_uses()
    {
        const string text = """
            <# header #>
            @{
                RootModule = 'Mod.dll'   # trailing comment
                'Quoted Key' = 'it''s'
                Editions = 'Desktop', 'Core'
                Cmdlets = @(
                    'Get-A'
                    'Set-B', 'New-C'
                )
                Empty = @()
                Flag = $true; Count = 42
                PrivateData = @{ PSData = @{ Tags = @('x', "y") } }
            }
            """;

        var table = Psd1Reader.Parse(text);

        Assert.Equal("Mod.dll", table.GetString("rootmodule"));
        Assert.Equal("it's", table.GetString("Quoted Key"));
        Assert.Equal(["Desktop", "Core"], table.GetStrings("Editions"));
        Assert.Equal(["Get-A", "Set-B", "New-C"], table.GetStrings("Cmdlets"));
        Assert.Empty(table.GetStrings("Empty"));
        Assert.Equal(true, table.Get("Flag"));
        Assert.Equal(42L, table.Get("Count"));
        Assert.Equal(["x", "y"], table.GetTable("PrivateData").GetTable("PSData").GetStrings("Tags"));
    }

    [Fact]
    public void A_missing_key_is_an_error_that_names_it()
    {
        var table = Psd1Reader.Parse("@{ RootModule = 'Mod.dll' }");

        var error = Assert.Throws<KeyNotFoundException>(() => table.GetString("PowerShellVersion"));
        Assert.Contains("PowerShellVersion", error.Message);
    }

    [Theory]
    [InlineData("@{ A = \"$env:X\" }", "Line 1")]
    [InlineData("@{ A = Get-Thing }", "Line 1")]
    [InlineData("@{\n A = 'x'\n A = 'y'\n}", "Line 3")]
    [InlineData("@{ A = 'x' B = 'y' }", "Line 1")]
    [InlineData("@{\n A = @('x'\n", "Line 3")]
    [InlineData("@{ A = 1.5 }", "Line 1")]
    [InlineData("@{ A = 'x' } extra", "Line 1")]
    public void Refuses_what_it_does_not_understand_and_says_where(string text, string where)
    {
        var error = Assert.Throws<FormatException>(() => Psd1Reader.Parse(text));
        Assert.StartsWith(where, error.Message);
    }
}
