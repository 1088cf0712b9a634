namespace ActitoPS.Module.Tests.Infrastructure;

internal static class Manifest
{
    private static readonly Lazy<Psd1Table> Table = new(() => Psd1Reader.Parse(Repo.ReadText("ActitoPS.psd1")));

    /// <summary>ActitoPS.psd1 at the repository root, the file build.ps1 ships beside ActitoPS.dll.</summary>
    public static Psd1Table Read() => Table.Value;

    public static IReadOnlyList<string> ExportedCmdlets => Read().GetStrings("CmdletsToExport");
}
