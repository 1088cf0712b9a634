using System.Text.Json.Nodes;

namespace ActitoPS.Emulator.MassImports;

/// <summary>
/// A TRIGGERED ETL definition (POST …/etls), checked and resolved against the licence when it was created:
/// its files, each with the loading that takes it into a table. Immutable; kept until deleted or reset.
/// </summary>
internal sealed class TriggeredEtl(long id, string entity, string name, bool paused, IReadOnlyList<TriggeredEtlFile> files, IReadOnlyList<string> reportRecipients, JsonObject stored, DateTimeOffset createdAt)
{
    private readonly string _stored = stored.ToJsonString();

    public long Id { get; } = id;

    /// <summary>The entity's name as the licence spells it.</summary>
    public string Entity { get; } = entity;

    public string Name { get; } = name;

    /// <summary>triggering.paused: a paused ETL refuses trigger-execution.</summary>
    public bool Paused { get; } = paused;

    /// <summary>In the order of fileTransfer.input.files, the order they are loaded in.</summary>
    public IReadOnlyList<TriggeredEtlFile> Files { get; } = files;

    public IReadOnlyList<string> ReportRecipients { get; } = reportRecipients;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>More than one file: the pushed ZIP's entries are matched to the files by their fileNamePattern.</summary>
    public bool IsMultiFile => Files.Count > 1;

    /// <summary>The definition as it was posted, with its id first: a fresh copy each time.</summary>
    public JsonObject Stored() => JsonNode.Parse(_stored)!.AsObject();
}

/// <param name="Pattern">fileNamePattern, parsed; null when a one-file ETL gives none.</param>
/// <param name="Loading">Its dataLoadings entry, with its csvFormat and transformations.</param>
internal sealed record TriggeredEtlFile(string FileCode, FileNamePattern? Pattern, EtlDefinition Loading, EtlTarget Target);
