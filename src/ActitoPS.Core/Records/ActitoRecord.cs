using System;
using System.Collections;
using System.Collections.Generic;

namespace ActitoPS.Core.Records
{
    /// <summary>
    /// A row as the engine sees it: names in the order the input gave them, each with a plain .NET value
    /// (string, number, bool, DateTime, a list, or a nested record). Names are looked up without regard
    /// to case, as PowerShell does, but kept as written because Actito's technical names are case sensitive.
    /// </summary>
    public sealed class ActitoRecord : IEnumerable<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _fields = new List<KeyValuePair<string, object?>>();

        public int Count => _fields.Count;

        public void Add(string name, object? value)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            _fields.Add(new KeyValuePair<string, object?>(name, value));
        }

        public bool TryGetValue(string name, out object? value)
        {
            foreach (var field in _fields)
            {
                if (string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = field.Value;
                    return true;
                }
            }
            value = null;
            return false;
        }

        public bool Contains(string name) => TryGetValue(name, out _);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _fields.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
