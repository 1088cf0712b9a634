using System.Management.Automation;

namespace ActitoPS.PowerShell.Tests.Harness;

/// <summary>Pipeline input shaped as users give it, built as PowerShell script text.</summary>
public static class Rows
{
    /// <summary>
    /// An Import-Csv row: a PSCustomObject whose every value is a string, in column order.
    /// </summary>
    public static string CsvRow(params (string Column, string Value)[] cells) =>
        "[pscustomobject][ordered]@{" + string.Join("; ", cells.Select(c => $"{Quote(c.Column)}={Quote(c.Value)}")) + "}";

    /// <summary>A hashtable row, values as PowerShell literals (e.g. "1001", "$true", "[datetime]'2024-01-02'").</summary>
    public static string Hashtable(params (string Key, string Literal)[] entries) =>
        "@{" + string.Join("; ", entries.Select(e => $"{Quote(e.Key)}={e.Literal}")) + "}";

    /// <summary>The sample profile rows of the quick start as Import-Csv reads them, as a script expression.</summary>
    public static string ImportSample(string file = "profiles.csv") =>
        $"Import-Csv -Path {Quote(Path.Combine(AppContext.BaseDirectory, "samples", file))} -Encoding UTF8";

    public static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>A value of a PSObject's property, or null.</summary>
    public static object? Property(PSObject item, string name) => item.Properties[name]?.Value;
}
