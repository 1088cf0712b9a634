namespace ActitoPS.Emulator.Hosting;

/// <summary>Finds samples/licence.json without being told where the repository is.</summary>
internal static class LicenceLocator
{
    public static readonly string SampleRelativePath = Path.Combine("samples", "licence.json");

    /// <summary>Walks up from the current directory, then from the application's own folder.</summary>
    /// <exception cref="LicenceException">No sample licence in either ancestry.</exception>
    public static string FindSampleLicence()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, SampleRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new LicenceException(
            $"No licence given and no {SampleRelativePath} found above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'. Pass --licence <path>.");
    }
}
