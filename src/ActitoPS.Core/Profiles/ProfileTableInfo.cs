using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>What the engine needs to know of a profile table: its name and which attributes are unique keys.</summary>
    public sealed class ProfileTableInfo
    {
        public ProfileTableInfo(string name, string? id, IEnumerable<string> uniqueAttributes)
        {
            Name = name;
            Id = id;
            UniqueAttributes = new HashSet<string>(uniqueAttributes, StringComparer.OrdinalIgnoreCase);
        }

        public string Name { get; }

        public string? Id { get; }

        public ISet<string> UniqueAttributes { get; }

        /// <summary>
        /// Reads the table list of the profile-table-structure API. Its wrapper is not public, so any
        /// array of objects with a "name" is taken, and "unique" may be a bool or a string.
        /// </summary>
        internal static IReadOnlyList<ProfileTableInfo> ParseList(JToken json)
        {
            var tables = json as JArray ?? FindArrayOfNamedObjects(json);
            if (tables == null) return Array.Empty<ProfileTableInfo>();
            return tables.OfType<JObject>().Where(t => t["name"] != null).Select(Parse).ToList();
        }

        internal static ProfileTableInfo Parse(JObject table)
        {
            var unique = (table["attributes"] as JArray ?? new JArray())
                .OfType<JObject>()
                .Where(a => IsTrue(a["unique"]))
                .Select(a => (string?)a["name"])
                .Where(n => !string.IsNullOrEmpty(n))
                .Select(n => n!);
            return new ProfileTableInfo((string?)table["name"] ?? string.Empty, (string?)table["id"], unique);
        }

        private static JArray? FindArrayOfNamedObjects(JToken json)
        {
            if (!(json is JObject obj)) return null;
            foreach (var property in obj.Properties())
            {
                if (property.Value is JArray array && array.OfType<JObject>().Any(o => o["name"] != null)) return array;
                if (property.Value is JObject nested)
                {
                    var inner = FindArrayOfNamedObjects(nested);
                    if (inner != null) return inner;
                }
            }
            return null;
        }

        private static bool IsTrue(JToken? token) =>
            token != null && (token.Type == JTokenType.Boolean ? (bool)token : string.Equals((string?)token, "true", StringComparison.OrdinalIgnoreCase));
    }
}
