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
    /// concerned, and reported together.
    /// </summary>
    public sealed class EtlCheck
    {
        /// <summary>How many rows each problem names.</summary>
        public const int RowsNamed = 5;

        private readonly EtlTarget _target;
        private readonly EtlMode _mode;
        private readonly IReadOnlyDictionary<string, string>? _mapping;
        private readonly List<string> _headerProblems = new List<string>();
        // Per column: the first value's problem, the first rows concerned, and how many rows in all (bounded, whatever the file's size).
        private readonly Dictionary<string, (string First, List<int> Rows, int Count)> _valueProblems = new Dictionary<string, (string, List<int>, int)>(StringComparer.Ordinal);
        private Dictionary<string, string> _fields = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <param name="mapping">Column → technical name, for the columns that differ; null: each column to the field of its name.</param>
        public EtlCheck(EtlTarget target, EtlMode mode, IReadOnlyDictionary<string, string>? mapping = null)
        {
            _target = target ?? throw new ArgumentNullException(nameof(target));
            _mode = mode;
            _mapping = mapping;
        }

        public bool HasProblems => _headerProblems.Count > 0 || _valueProblems.Count > 0;

        /// <summary>Column → technical name for the header given; problems with the header are kept.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> MapHeader(IReadOnlyList<string> header)
        {
            var mapped = new List<KeyValuePair<string, string>>();
            _fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var twice in header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1))
                _headerProblems.Add($"the header '{twice.Key}' appears {twice.Count().ToString(CultureInfo.InvariantCulture)} times.");
            foreach (var column in header.Distinct(StringComparer.Ordinal))
            {
                var wanted = _mapping != null && _mapping.TryGetValue(column, out var target) ? target : column;
                var field = _target.FieldFor(wanted);
                if (field == null)
                {
                    _headerProblems.Add($"the column '{column}' maps to no field of {Describe()} '{_target.Name}'" +
                                        (_mapping != null && _mapping.ContainsKey(column) ? $" (-Mapping names '{wanted}')." : "."));
                    continue;
                }
                if (_mode != EtlMode.CreateOnly && OneShotEtlDefinition.RecencyFields.Contains(field, StringComparer.Ordinal))
                    _headerProblems.Add($"the column '{column}' is the recency field {field}, which Actito loads only with -Mode CreateOnly.");
                _fields[column] = field;
                mapped.Add(new KeyValuePair<string, string>(column, field));
            }
            var keys = _target.KeyFields;
            var needsKey = _mode != EtlMode.CreateOnly || _target.Type == EtlDestinationType.CustomTable;
            if (needsKey && keys.Count > 0 && !mapped.Any(m => keys.Contains(m.Value, StringComparer.Ordinal)))
                _headerProblems.Add($"no column holds a key ({string.Join(" or ", keys)}), so no row can be matched{(_mode == EtlMode.CreateOrUpdate && _target.Type == EtlDestinationType.ProfileTable ? "; use -Mode CreateOnly to create new profiles" : string.Empty)}.");
            return mapped;
        }

        /// <summary>Checks one row's cells (column → text) against the mapped fields.</summary>
        public void CheckRow(IReadOnlyDictionary<string, string> cells, int row)
        {
            foreach (var cell in cells)
            {
                if (!_fields.TryGetValue(cell.Key, out var field)) continue;
                var problem = _target.Problem(field, cell.Value);
                if (problem == null) continue;
                var known = _valueProblems.TryGetValue(cell.Key, out var found) ? found : (problem, new List<int>(), 0);
                if (known.Item2.Count < RowsNamed) known.Item2.Add(row);
                _valueProblems[cell.Key] = (known.Item1, known.Item2, known.Item3 + 1);
            }
        }

        /// <summary>Every problem found, one a line, with the first rows concerned; empty when the file may be sent.</summary>
        public IReadOnlyList<string> Problems =>
            _headerProblems.Concat(_valueProblems.Select(p =>
            {
                var (first, rows, count) = p.Value;
                var named = string.Join(", ", rows.Select(r => r.ToString(CultureInfo.InvariantCulture)));
                var more = count > rows.Count ? $" and {(count - rows.Count).ToString(CultureInfo.InvariantCulture)} more" : string.Empty;
                return $"column '{p.Key}', row{(count > 1 ? "s" : string.Empty)} {named}{more}: {first}";
            })).ToList();

        private string Describe() => _target.Type == EtlDestinationType.CustomTable ? "custom table" : "profile table";
    }
}
