using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.CustomTables;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// Where Start-ActitoEtl's data goes and what it is checked against: a table with the command's mode and mapping
    /// (one-shot), or a TRIGGERED ETL whose definition fixes the tables, mappings, modes and CSV formats of its files.
    /// </summary>
    internal sealed class EtlDestination
    {
        private readonly IReadOnlyList<(EtlLoading? Loading, EtlTarget Target, EtlMode Mode, IReadOnlyDictionary<string, string>? Mapping, bool Strict)> _loadings;
        private readonly EtlTargets? _targets;

        private EtlDestination(EtlTarget target, string describe, char separator, string modeText, EtlDefinition? definition,
            IReadOnlyList<(EtlLoading?, EtlTarget, EtlMode, IReadOnlyDictionary<string, string>?, bool)> loadings, EtlTargets? targets)
        {
            Target = target;
            Describe = describe;
            Separator = separator;
            ModeText = modeText;
            Definition = definition;
            _loadings = loadings;
            _targets = targets;
        }

        /// <summary>The table a one-shot loads; for a TRIGGERED ETL, the first loading's.</summary>
        public EtlTarget Target { get; }

        /// <summary>"profile table 'X'", or "ETL 'name' (…)", as messages name it.</summary>
        public string Describe { get; }

        public char Separator { get; }

        public string ModeText { get; }

        public EtlDefinition? Definition { get; }

        public string? EtlId => Definition?.Id;

        public string Name => Definition == null ? Target.Name : string.Join(", ", _loadings.Select(l => l.Target.Name).Distinct(StringComparer.Ordinal));

        public string TableType => Target.Type == EtlDestinationType.CustomTable ? "CUSTOM_TABLE" : "PROFILE_TABLE";

        public string BaseName
        {
            get
            {
                var name = Definition?.Name ?? Target.Name;
                var safe = new string(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || char.IsWhiteSpace(c) ? '_' : c).ToArray());
                return safe.Length == 0 ? "actito-import" : safe;
            }
        }

        /// <summary>A check per loading of the data (one for a one-shot).</summary>
        public List<EtlCheck> NewChecks(string unit) => _loadings.Select(l => new EtlCheck(l.Target, l.Mode, l.Mapping, unit, l.Strict)).ToList();

        /// <summary>The check of one loading of a TRIGGERED ETL's file.</summary>
        public EtlCheck CheckFor(EtlLoading loading, string unit) =>
            new EtlCheck(_targets!.For(loading), loading.Mode, loading.Mapping.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal), unit, strict: true);

        public static EtlDestination OneShot(EtlTarget target, EtlMode mode, IReadOnlyDictionary<string, string>? mapping, char separator) =>
            new EtlDestination(target, Kind(target), separator, OneShotEtlDefinition.WireName(mode), null,
                new[] { ((EtlLoading?)null, target, mode, mapping, false) }, null);

        /// <summary>Rows and -Path files go to a TRIGGERED ETL of one file; a multi-file one takes -File.</summary>
        public static EtlDestination Triggered(EtlDefinition definition, EtlTargets targets)
        {
            var files = definition.Files;
            var loadings = definition.Loadings;
            if (loadings.Count == 0) throw new ArgumentException($"ETL {definition.Id} ('{definition}') has no dataLoadings: there is nothing to push data to.");
            var codes = loadings.Select(l => l.FileCode).Concat(files.Select(f => f.FileCode)).Distinct(StringComparer.Ordinal).ToList();
            var checks = loadings.Where(l => l.FileCode == loadings[0].FileCode)
                .Select(l => ((EtlLoading?)l, targets.For(l), l.Mode, (IReadOnlyDictionary<string, string>?)l.Mapping.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal), true))
                .ToList();
            var separator = files.FirstOrDefault(f => f.FileCode == loadings[0].FileCode)?.Separator ?? ',';
            var everyTable = loadings.Select(l => Kind(targets.For(l))).Distinct().ToList();
            var describe = $"ETL {definition.Id} ('{definition}': {string.Join(", ", everyTable)})";
            var destination = new EtlDestination(checks[0].Item2, describe, separator, string.Join("+", loadings.Select(l => OneShotEtlDefinition.WireName(l.Mode)).Distinct()),
                definition, checks, targets);
            destination.FileCodes = codes;
            return destination;
        }

        /// <summary>The file codes of a TRIGGERED ETL (several: rows and -Path cannot go to it, -File does).</summary>
        public IReadOnlyList<string> FileCodes { get; private set; } = Array.Empty<string>();

        private static string Kind(EtlTarget target) => $"{(target.Type == EtlDestinationType.CustomTable ? "custom table" : "profile table")} '{target.Name}'";
    }

    /// <summary>Tables resolved once per command, by name or id, with their structure when it can be read.</summary>
    internal sealed class EtlTargets
    {
        private readonly ProfileTableResolver _profiles;
        private readonly CustomTableResolver _customTables;
        private readonly CancellationToken _cancellation;

        public EtlTargets(ActitoConnection connection, IActitoHost host, CancellationToken cancellationToken)
        {
            _profiles = new ProfileTableResolver(connection, host);
            _customTables = new CustomTableResolver(connection, host);
            _cancellation = cancellationToken;
        }

        public EtlTarget Profile(string name)
        {
            var table = _profiles.Find(name, _cancellation);
            return table == null ? EtlTarget.Unchecked(EtlDestinationType.ProfileTable, name.Trim()) : EtlTarget.For(table);
        }

        public EtlTarget Custom(string name)
        {
            var table = _customTables.Find(name, _cancellation);
            return table == null ? EtlTarget.Unchecked(EtlDestinationType.CustomTable, name.Trim()) : EtlTarget.For(table);
        }

        public EtlTarget For(EtlLoading loading) =>
            loading.DestinationType == EtlDestinationType.CustomTable ? Custom(loading.DestinationId) : Profile(loading.DestinationId);
    }
}
