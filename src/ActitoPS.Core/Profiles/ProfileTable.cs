using System;
using System.Collections.Generic;
using System.Linq;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// A profile table as the structure API describes it: attributes with their types and limits,
    /// subscriptions and segmentations. The row cmdlets check rows against it before any call.
    /// </summary>
    public sealed class ProfileTable
    {
        public ProfileTable(string name, string? id, IReadOnlyList<ProfileAttribute> attributes, IReadOnlyList<string> subscriptions,
            IReadOnlyList<ProfileSegmentation> segmentations, object? raw = null)
        {
            Name = name;
            Id = id;
            Attributes = attributes;
            Subscriptions = subscriptions;
            Segmentations = segmentations;
            Raw = raw;
            UniqueAttributes = new HashSet<string>(attributes.Where(a => a.Unique).Select(a => a.Name), StringComparer.OrdinalIgnoreCase);
        }

        public string Name { get; }

        public string? Id { get; }

        public IReadOnlyList<ProfileAttribute> Attributes { get; }

        public IReadOnlyList<string> Subscriptions { get; }

        public IReadOnlyList<ProfileSegmentation> Segmentations { get; }

        /// <summary>Actito's answer for this table, fields the module does not know included.</summary>
        public object? Raw { get; }

        public ISet<string> UniqueAttributes { get; }

        /// <summary>Technical names are case sensitive: an exact match only.</summary>
        public ProfileAttribute? FindAttribute(string name) => Attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

        /// <summary>The attribute a wrongly cased name was meant to be, for the error's hint.</summary>
        internal ProfileAttribute? FindAttributeIgnoringCase(string name) => Attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

        internal ProfileSegmentation? FindSegmentation(string name) => Segmentations.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

        internal bool HasSubscription(string name) => Subscriptions.Contains(name, StringComparer.Ordinal);

        public override string ToString() => Name;

        /// <summary>
        /// Reads the table list of the profile-table-structure API. Its wrapper is not public, so any
        /// array of objects with a "name" is taken; "unique" may be a bool or a string; subscriptions and
        /// segmentations (whose listing is not public either) are read when the answer carries them.
        /// </summary>
        internal static IReadOnlyList<ProfileTable> ParseList(JToken json)
        {
            var tables = json as JArray ?? FindArrayOfNamedObjects(json);
            if (tables == null) return Array.Empty<ProfileTable>();
            return tables.OfType<JObject>().Where(t => t["name"] != null).Select(Parse).ToList();
        }

        internal static ProfileTable Parse(JObject table)
        {
            var attributes = (table["attributes"] as JArray ?? new JArray()).OfType<JObject>()
                .Where(a => !string.IsNullOrEmpty((string?)a["name"]))
                .Select(ProfileAttribute.Parse)
                .ToList();
            var subscriptions = (table["subscriptions"] as JArray ?? new JArray())
                .Select(s => s is JObject o ? (string?)o["name"] : s.Type == JTokenType.String ? (string?)s : null)
                .Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).ToList();
            var segmentations = (table["segmentations"] as JArray ?? new JArray()).OfType<JObject>()
                .Where(s => !string.IsNullOrEmpty((string?)s["name"]))
                .Select(s => new ProfileSegmentation((string)s["name"]!,
                    (s["categories"] as JArray ?? new JArray()).Select(c => c is JObject o ? (string?)o["name"] : (string?)c).Where(c => c != null).Select(c => c!).ToList()))
                .ToList();
            return new ProfileTable((string?)table["name"] ?? string.Empty, (string?)table["id"], attributes, subscriptions, segmentations, PlainJson.From(table));
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
    }

    /// <summary>One attribute of a profile table.</summary>
    public sealed class ProfileAttribute
    {
        public ProfileAttribute(string name, string valueType, bool unique, bool mandatory, int? maxLength = null, int? minLength = null, bool multiValued = false, string? type = null)
        {
            Name = name;
            ValueType = valueType;
            Unique = unique;
            Mandatory = mandatory;
            MaxLength = maxLength;
            MinLength = minLength;
            MultiValued = multiValued;
            Type = type;
        }

        public string Name { get; }

        /// <summary>STRING, INTEGER, DATE, DATETIME, BOOLEAN, EMAIL, SEX, LANGUAGE, COUNTRY, PHONE, or one the module does not know.</summary>
        public string ValueType { get; }

        public bool Unique { get; }

        public bool Mandatory { get; }

        public int? MaxLength { get; }

        public int? MinLength { get; }

        public bool MultiValued { get; }

        /// <summary>Actito's kind of attribute (CUSTOM, or a built-in one), when the structure says.</summary>
        public string? Type { get; }

        public override string ToString() => $"{Name} ({ValueType})";

        internal static ProfileAttribute Parse(JObject attribute)
        {
            var restriction = attribute["valueRestriction"] as JObject;
            return new ProfileAttribute(
                (string)attribute["name"]!,
                ((string?)attribute["valueType"] ?? "STRING").ToUpperInvariant(),
                JsonText.IsTrue(attribute["unique"]),
                JsonText.IsTrue(attribute["mandatory"]),
                ReadInt(restriction?["maxLength"] ?? attribute["maxLength"]),
                ReadInt(restriction?["minLength"] ?? attribute["minLength"]),
                JsonText.IsTrue(attribute["multiValued"]),
                (string?)attribute["type"]);
        }

        private static int? ReadInt(JToken? token) =>
            token != null && (token.Type == JTokenType.Integer || token.Type == JTokenType.String) &&
            int.TryParse(token.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : (int?)null;

    }

    /// <summary>A segmentation of a profile table and its categories.</summary>
    public sealed class ProfileSegmentation
    {
        public ProfileSegmentation(string name, IReadOnlyList<string> categories)
        {
            Name = name;
            Categories = categories;
        }

        public string Name { get; }

        public IReadOnlyList<string> Categories { get; }

        public override string ToString() => Name;
    }
}
