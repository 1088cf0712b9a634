using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActitoPS.Module.Tests;

/// <summary>
/// samples/profiles.csv feeds the README quick start and build.ps1's demo against the emulator's
/// samples/licence.json: if the two drift apart, the first thing a new user runs fails.
/// </summary>
public class SampleDataTests
{
    private static readonly string[] ExpectedHeader =
    [
        "customerId", "emailAddress", "firstName", "lastName", "birthDate", "sex", "motherLanguage",
        "addressLocality", "addressCountry", "gsmNumber", "nbChildren", "S_ClientType",
    ];

    [Fact]
    public void The_sample_is_UTF8_without_a_BOM_which_Actito_rejects()
    {
        var bytes = File.ReadAllBytes(Repo.PathOf("samples", "profiles.csv"));

        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "samples/profiles.csv starts with a UTF-8 BOM.");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.Contains(text, c => c > 127);
    }

    [Fact]
    public void The_sample_is_a_rectangular_CSV_with_the_quick_start_columns()
    {
        var rows = Csv.Parse(File.ReadAllText(Repo.PathOf("samples", "profiles.csv")));

        Assert.Equal(ExpectedHeader, rows[0]);
        Assert.InRange(rows.Count - 1, 6, 12);
        Assert.All(rows, r => Assert.Equal(ExpectedHeader.Length, r.Count));
        // The quick start carries no consent information, so a subscription column would fail every row.
        Assert.DoesNotContain(rows[0], h => h.StartsWith("subscriptions#", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rows.Skip(1).SelectMany(r => r), cell => cell.Contains(','));
    }

    [Fact]
    public void Every_value_fits_the_emulator_licence_table()
    {
        var rows = Csv.Parse(File.ReadAllText(Repo.PathOf("samples", "profiles.csv")));
        using var licence = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("samples", "licence.json")));
        var table = licence.RootElement.GetProperty("entities").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == "MyEntity")
            .GetProperty("profileTables").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "MyWebsiteProfiles");
        var attributes = table.GetProperty("attributes").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("valueType").GetString()!, StringComparer.Ordinal);
        var uniques = table.GetProperty("attributes").EnumerateArray()
            .Where(a => a.TryGetProperty("unique", out var u) && u.GetBoolean()).Select(a => a.GetProperty("name").GetString()!).ToList();
        var segmentations = table.GetProperty("segmentations").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToList(), StringComparer.Ordinal);
        var header = rows[0];
        var problems = new List<string>();

        for (var column = 0; column < header.Count; column++)
        {
            var name = header[column];
            var values = rows.Skip(1).Select(r => r[column]).Where(v => v.Length > 0).ToList();
            if (name.StartsWith("S_", StringComparison.Ordinal))
            {
                if (!segmentations.TryGetValue(name[2..], out var categories))
                {
                    problems.Add($"{name}: the licence has no segmentation {name[2..]}.");
                    continue;
                }

                problems.AddRange(values.Where(v => !categories.Contains(v)).Select(v => $"{name}: '{v}' is not a category of {name[2..]}."));
                continue;
            }

            if (!attributes.TryGetValue(name, out var valueType))
            {
                problems.Add($"{name}: MyWebsiteProfiles has no such attribute (names are case sensitive).");
                continue;
            }

            problems.AddRange(values.Where(v => !Fits(valueType, v)).Select(v => $"{name}: '{v}' is not a valid {valueType}."));
            if (uniques.Contains(name) && values.Distinct(StringComparer.Ordinal).Count() != values.Count)
            {
                problems.Add($"{name} is a unique key but repeats: rows would update each other instead of creating profiles.");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool Fits(string valueType, string value) => valueType switch
    {
        "INTEGER" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "DATE" => DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "SEX" => value is "M" or "F",
        "LANGUAGE" or "COUNTRY" => Regex.IsMatch(value, "^[A-Z]{2}$"),
        "PHONE" => Regex.IsMatch(value, @"^\+\d{8,15}$"),
        "EMAIL" => Regex.IsMatch(value, @"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"),
        "STRING" => value.Length <= 255,
        _ => false,
    };

    /// <summary>RFC 4180: commas separate, double quotes enclose, "" is a quote inside quotes.</summary>
    private static class Csv
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"' && cell.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                }
                else if (c == '\n' || c == '\r')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                }
                else
                {
                    Assert.False(c == '"', $"A stray quote in row {rows.Count + 1}: quote the whole field.");
                    cell.Append(c);
                }
            }

            Assert.False(quoted, "A quoted field is never closed.");
            if (cell.Length > 0 || row.Count > 0)
            {
                row.Add(cell.ToString());
                rows.Add(row);
            }

            return rows;
        }
    }
}
