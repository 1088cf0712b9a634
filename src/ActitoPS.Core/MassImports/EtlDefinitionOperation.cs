using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// New-, Get- and Remove-ActitoEtl: TRIGGERED ETL definitions. A new one is checked against the tables' structures
    /// before it is sent (each loading's table and attributes, its key, its file), so Actito never holds a definition
    /// that every execution would fail on.
    /// </summary>
    public sealed class EtlDefinitionOperation
    {
        private readonly ActitoConnection _connection;
        private readonly IActitoHost _host;
        private readonly MassImportApi _api;
        private readonly ItemCalls _calls;
        private readonly EtlTargets _targets;

        public EtlDefinitionOperation(ActitoConnection connection, IActitoHost host, CancellationToken cancellationToken)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _host = host;
            _api = new MassImportApi(connection);
            _calls = new ItemCalls(host, cancellationToken);
            _targets = new EtlTargets(connection, host, cancellationToken);
        }

        /// <summary>The one-table definition from parameters; <paramref name="mapping"/> null: every field of the table, header = its name.</summary>
        public EtlDefinition FromParameters(string name, string? description, string? table, string? customTable, EtlMode mode, IReadOnlyDictionary<string, string>? mapping,
            char separator, string? fileNamePattern, IReadOnlyList<string> reportRecipients, bool resultFiles)
        {
            var target = customTable != null ? _targets.Custom(customTable) : _targets.Profile(table ?? throw new ArgumentException("Give -Table or -CustomTable."));
            var pairs = mapping != null
                ? mapping.Select(m => new KeyValuePair<string, string>(m.Key, target.FieldFor(m.Value) ?? m.Value)).ToList()
                : target.AllFields(mode).Select(f => new KeyValuePair<string, string>(f, f)).ToList();
            return EtlDefinition.FromParameters(name, description, target, mode, pairs, separator, fileNamePattern, reportRecipients, resultFiles);
        }

        /// <summary>Checks a definition and sends it; writes the definition with its id.</summary>
        public void New(EtlDefinition definition)
        {
            var problems = Check(definition);
            if (problems.Count > 0)
                throw new ActitoImportCheckException($"the ETL '{definition}'", $"entity '{_connection.Entity}'", problems);
            var what = $"TRIGGERED ETL '{definition}' loading {string.Join(", ", definition.Loadings.Select(l => $"{l.FileCode} into {l.DestinationId} ({OneShotEtlDefinition.WireName(l.Mode)})"))}";
            if (!_host.ShouldProcess(what, "Define")) return;
            _host.WriteObject(Named(Call(ct => _api.CreateEtlAsync(definition, ct))));
        }

        public void Get(string? id)
        {
            if (id != null)
            {
                PerId(id, () => _host.WriteObject(Named(Call(ct => _api.GetEtlAsync(id, ct)))));
                return;
            }
            foreach (var definition in Call(ct => _api.ListEtlsAsync(ct))) _host.WriteObject(Named(definition));
        }

        public void Remove(string id)
        {
            if (!_host.ShouldProcess($"TRIGGERED ETL {id} of entity '{_connection.Entity}'", "Delete")) return;
            PerId(id, () => _calls.Call(ct => _api.DeleteEtlAsync(id, ct)));
        }

        private void PerId(string id, Action work) =>
            _calls.ForItem(id, failure => $"Entity '{_connection.Entity}' has no TRIGGERED ETL {id}: {failure.Message}", work);

        /// <summary>The definition with its tables' names, as the structure gives them (loadings name tables by id).</summary>
        private EtlDefinition Named(EtlDefinition definition)
        {
            try
            {
                definition.TableNames = definition.Loadings.Select(l =>
                    _targets.For(l).Name).Distinct(StringComparer.Ordinal).ToList();
            }
            catch (ArgumentException)
            {
                // A table the structure no longer lists: the ids stay.
            }
            return definition;
        }

        /// <summary>Every reason Actito would refuse the definition or fail each of its executions.</summary>
        public IReadOnlyList<string> Check(EtlDefinition definition)
        {
            var problems = new List<string>();
            var files = definition.Files;
            foreach (var twice in files.GroupBy(f => f.FileCode, StringComparer.Ordinal).Where(g => g.Count() > 1))
                problems.Add($"the fileCode '{twice.Key}' names {twice.Count().ToString(CultureInfo.InvariantCulture)} files.");
            if (files.Count > 1)
            {
                foreach (var file in files.Where(f => string.IsNullOrWhiteSpace(f.FileNamePattern)))
                    problems.Add($"the file '{file.FileCode}' has no fileNamePattern, which a ZIP of several files is matched by.");
            }
            var loadings = definition.Loadings;
            if (loadings.Count == 0) problems.Add("the definition has no dataLoadings: nothing would be loaded.");
            foreach (var loading in loadings)
            {
                if (files.Count > 0 && !files.Any(f => f.FileCode == loading.FileCode))
                    problems.Add($"a loading takes the file '{loading.FileCode}', which fileTransfer.input.files does not define.");
                EtlTarget target;
                try
                {
                    target = _targets.For(loading);
                }
                catch (ArgumentException unknown)
                {
                    problems.Add(unknown.Message);
                    continue;
                }
                var check = new EtlCheck(target, loading.Mode, loading.Mapping.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal), "row", strict: true);
                check.MapHeader(loading.Mapping.Select(m => m.Key).ToList());
                problems.AddRange(check.Problems.Select(p => $"file '{loading.FileCode}': {p}"));
            }
            return problems;
        }

        private T Call<T>(Func<CancellationToken, Task<T>> call) => _calls.Call(call);
    }
}
