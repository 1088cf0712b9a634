using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// The checks an import file passes before anything is sent (no daily import is spent on a file Actito would
    /// refuse): each column maps to a field, no header twice, a key column when the mode matches rows, recency
    /// fields only when creating, every value fitting its field. Problems are collected, each with the first rows
    /// concerned, and reported together. Columns are met as a file's header gives them or as pipeline rows bring
    /// them, so a check never needs the whole input in memory.
    /// </summary>
    public sealed class EtlCheck
    {
        /// <summary>How many rows each problem names.</summary>
        public const int RowsNamed = 5;

        private readonly EtlTarget _target;
        private readonly EtlMode _mode;
        private readonly IReadOnlyDictionary<string, string>? _mapping;
        private readonly string _unit;
        private readonly bool _strict;
        private readonly List<string> _headerProblems = new List<string>();
        // Per column: the first value's problem, the first rows concerned, and how many rows in all (bounded, whatever the file's size).
        private readonly Dictionary<string, (string First, List<int> Rows, int Count)> _valueProblems = new Dictionary<string, (string, List<int>, int)>(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        private readonly List<string> _columns = new List<string>();

        /// <param name="mapping">Column → technical name, for the columns that differ; null: each column to the field of its name.</param>
        /// <param name="unit">How problems name a row: "row" for pipeline input, "line" for a file's lines (the header is line 1).</param>
        public EtlCheck(EtlTarget target, EtlMode mode, IReadOnlyDictionary<string, string>? mapping = null, string unit = "row")
            : this(target, mode, mapping, unit, strict: false)
        {
        }

        /// <param name="strict">Only the mapping's columns may be sent: a TRIGGERED ETL's definition fixes them.</param>
        public EtlCheck(EtlTarget target, EtlMode mode, IReadOnlyDictionary<string, string>? mapping, string unit, bool strict)
        {
            _strict = strict;
            _target = target ?? throw new ArgumentNullException(nameof(target));
            _mode = mode;
            _mapping = mapping;
            _unit = unit;
        }

        /// <summary>A problem found so far, the key aside (a later row may still bring the key column).</summary>
        public bool HasFoundProblems => _headerProblems.Count > 0 || _valueProblems.Count > 0;

        public bool HasProblems => _headerProblems.Count > 0 || _valueProblems.Count > 0 || KeyProblem() != null;

        /// <summary>Column → technical name for a file's header; problems with the header are kept.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> MapHeader(IReadOnlyList<string> header)
        {
            foreach (var twice in header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1))
                _headerProblems.Add($"the header '{twice.Key}' appears {twice.Count().ToString(CultureInfo.InvariantCulture)} times.");
            foreach (var column in header) Meet(column);
            return Mapping(header);
        }

        /// <summary>The mapped columns of <paramref name="header"/> (each met before), in its order: the definition's attributes mapping.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Mapping(IEnumerable<string> header) =>
            header.Distinct(StringComparer.Ordinal)
                .Select(column => _fields.TryGetValue(column, out var field) && field != null ? new KeyValuePair<string, string>(column, field) : default)
                .Where(pair => pair.Key != null)
                .ToList();

        /// <summary>Puts pipeline cells in the form the file should carry (subscriptions as true/false), before they are checked.</summary>
        public void Canonicalise(List<KeyValuePair<string, string>> cells)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                var field = Meet(cells[i].Key);
                if (field == null) continue;
                var canonical = EtlTarget.Canonical(field, cells[i].Value);
                if (!ReferenceEquals(canonical, cells[i].Value)) cells[i] = new KeyValuePair<string, string>(cells[i].Key, canonical);
            }
        }

        /// <summary>Checks one row's cells (column → text); a column not met before is mapped first.</summary>
        public void CheckRow(IEnumerable<KeyValuePair<string, string>> cells, int row)
        {
            foreach (var cell in cells)
            {
                var field = Meet(cell.Key);
                if (field == null) continue;
                var problem = _target.Problem(field, cell.Value);
                if (problem != null) Report(cell.Key, row, problem);
            }
        }

        /// <summary>A problem of one cell found elsewhere (a value with no CSV form, a line that is not CSV).</summary>
        public void Report(string column, int row, string problem)
        {
            var known = _valueProblems.TryGetValue(column, out var found) ? found : (problem, new List<int>(), 0);
            if (known.Item2.Count < RowsNamed) known.Item2.Add(row);
            _valueProblems[column] = (known.Item1, known.Item2, known.Item3 + 1);
        }

        /// <summary>A problem of the whole file (not CSV, an archive of several files, a byte order mark).</summary>
        public void ReportFile(string problem) => _headerProblems.Add(problem);

        /// <summary>Every problem found, one a line, with the first rows concerned; empty when the file may be sent.</summary>
        public IReadOnlyList<string> Problems
        {
            get
            {
                var key = KeyProblem();
                return _headerProblems.Concat(key == null ? Enumerable.Empty<string>() : new[] { key }).Concat(_valueProblems.Select(p =>
                {
                    var (first, rows, count) = p.Value;
                    var named = string.Join(", ", rows.Select(r => r.ToString(CultureInfo.InvariantCulture)));
                    var more = count > rows.Count ? $" and {(count - rows.Count).ToString(CultureInfo.InvariantCulture)} more" : string.Empty;
                    var where = p.Key.Length == 0 ? string.Empty : $"column '{p.Key}', ";
                    return $"{where}{_unit}{(count > 1 ? "s" : string.Empty)} {named}{more}: {first}";
                })).ToList();
            }
        }

        private string? Meet(string column)
        {
            if (_fields.TryGetValue(column, out var known)) return known;
            _columns.Add(column);
            string? target = null;
            var mapped = _mapping != null && _mapping.TryGetValue(column, out target);
            var wanted = mapped ? target! : column;
            var field = _strict && !mapped ? null : _target.FieldFor(wanted);
            if (_strict && !mapped)
            {
                _headerProblems.Add($"the column '{column}' is not in the ETL's attributes mapping for {Describe()} '{_target.Name}' (it maps {string.Join(", ", _mapping?.Keys ?? Enumerable.Empty<string>())}).");
            }
            else if (field == null)
            {
                _headerProblems.Add($"the column '{column}' maps to no field of {Describe()} '{_target.Name}'" +
                                    (_mapping != null && _mapping.ContainsKey(column) ? $" (-Mapping names '{wanted}')." : ".") + SeparatorHint(column));
            }
            else if (_mode != EtlMode.CreateOnly && OneShotEtlDefinition.RecencyFields.Contains(field, StringComparer.Ordinal))
            {
                _headerProblems.Add($"the column '{column}' is the recency field {field}, which Actito loads only with -Mode CreateOnly.");
                field = null;
            }
            _fields[column] = field;
            return field;
        }

        private string? KeyProblem()
        {
            if (_columns.Count == 0) return null;
            var keys = _target.KeyFields;
            var needsKey = _mode != EtlMode.CreateOnly || _target.Type == EtlDestinationType.CustomTable;
            if (!needsKey || keys.Count == 0 || _fields.Values.Any(f => f != null && keys.Contains(f, StringComparer.Ordinal))) return null;
            return $"no column holds a key ({string.Join(" or ", keys)}), so no row can be matched{(_mode == EtlMode.CreateOrUpdate && _target.Type == EtlDestinationType.ProfileTable ? "; use -Mode CreateOnly to create new profiles" : string.Empty)}.";
        }

        // A file read with the wrong separator has one column whose name holds the others.
        private static string SeparatorHint(string column)
        {
            foreach (var separator in new[] { ';', ',', '\t', '|' })
            {
                if (column.IndexOf(separator) >= 0)
                    return $" It holds '{(separator == '\t' ? "\\t" : separator.ToString())}': is the file's separator -Separator '{(separator == '\t' ? "`t" : separator.ToString())}'?";
            }
            return string.Empty;
        }

        private string Describe() => _target.Type == EtlDestinationType.CustomTable ? "custom table" : "profile table";
    }
}
