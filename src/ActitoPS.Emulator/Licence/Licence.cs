using System.Text.Json;
using ActitoPS.Emulator.Json;

namespace ActitoPS.Emulator;

/// <summary>What one Actito licence holds: its API keys, its limits and its entities' tables.</summary>
public sealed class Licence
{
    public List<string> ApiKeys { get; set; } = [];
    public LicenceLimits Limits { get; set; } = new();
    public List<LicenceEntity> Entities { get; set; } = [];

    /// <summary>
    /// APIs whose end of service Actito has announced, answered 410 ahead of time so a client can rehearse
    /// the cut-over (names in <see cref="RetiredApiNames"/>). Optional: absent or null retires nothing.
    /// </summary>
    public List<string> RetiredApis { get; set; } = [];

    /// <exception cref="LicenceException">The text is not a valid licence.</exception>
    public static Licence Parse(string json)
    {
        Licence? licence;
        try
        {
            licence = JsonSerializer.Deserialize<Licence>(json, EmulatorJson.Licence);
        }
        catch (JsonException ex)
        {
            throw new LicenceException($"The licence is not valid JSON: {ex.Message}", ex);
        }

        if (licence is null)
        {
            throw new LicenceException("The licence is empty (JSON null).");
        }

        // Optional, so a JSON null means none rather than a problem.
        licence.RetiredApis ??= [];
        LicenceValidator.ThrowIfInvalid(licence);
        return licence;
    }

    /// <exception cref="LicenceException">The file does not hold a valid licence.</exception>
    public static Licence Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LicenceException($"Cannot read the licence file '{path}': {ex.Message}", ex);
        }

        try
        {
            return Parse(json);
        }
        catch (LicenceException ex)
        {
            throw new LicenceException($"{path}: {ex.Message}", ex);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, EmulatorJson.Licence);

    /// <summary>A deep copy, so that a caller who keeps editing its object cannot change a running emulator.</summary>
    public Licence Clone() => Parse(ToJson());
}

public sealed class LicenceLimits
{
    public int MaxConcurrentRequests { get; set; } = 5;
    public int CallsPerMinute { get; set; } = 100;
    public int TokenLifetimeSeconds { get; set; } = 900;
    public int BulkImportsPerTablePerDay { get; set; } = 12;
}

public sealed class LicenceEntity
{
    public string Name { get; set; } = "";
    public List<ProfileTableDefinition> ProfileTables { get; set; } = [];
    public List<CustomTableDefinition> CustomTables { get; set; } = [];
}

public sealed class LicenceException : Exception
{
    public LicenceException(string message) : base(message)
    {
    }

    public LicenceException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
