using System;
using System.Collections.Generic;
using System.Linq;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>A custom table as Actito's structure call describes it (the custom-tables guide).</summary>
    public sealed class CustomTable
    {
        /// <summary>Fields the server sets: never sent.</summary>
        private static readonly string[] TechnicalFields = { "id", "creationMoment", "updateMoment" };

        public CustomTable(string technicalName, string? id, string? userName, string? category, IReadOnlyList<string> capabilities,
            IReadOnlyList<CustomTableField> fields, string? primaryKeyField, string? businessKeyField, object? raw = null)
        {
            TechnicalName = technicalName;
            Id = id;
            UserName = userName;
            Category = category;
            Capabilities = capabilities;
            Fields = fields;
            PrimaryKeyField = primaryKeyField;
            BusinessKeyField = businessKeyField;
            Raw = raw;
        }

        public string TechnicalName { get; }

        public string? Id { get; }

        public string? UserName { get; }

        /// <summary>READWRITE or READONLY.</summary>
        public string? Category { get; }

        public IReadOnlyList<string> Capabilities { get; }

        public IReadOnlyList<CustomTableField> Fields { get; }

        /// <summary>The technical id field ("id"), set by the server (Actito's "primaryKey").</summary>
        public string? PrimaryKeyField { get; }

        /// <summary>
        /// The field that identifies a record in calls (Actito's "businessKey": the guide's "ref"). Not named
        /// BusinessKey, so that a table piped to a record cmdlet never binds the field's name as a record's key.
        /// </summary>
        public string? BusinessKeyField { get; }

        /// <summary>Actito's answer for this table, fields the module does not know included.</summary>
        public object? Raw { get; }

        /// <summary>Names are not case sensitive here (the guide says so).</summary>
        public CustomTableField? FindField(string name) => Fields.FirstOrDefault(f => string.Equals(f.FieldName, name, StringComparison.OrdinalIgnoreCase));

        public bool IsTechnical(string fieldName) =>
            TechnicalFields.Contains(fieldName, StringComparer.OrdinalIgnoreCase) || string.Equals(fieldName, PrimaryKeyField, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => TechnicalName;

        /// <summary>Any array of objects with a technicalName, wherever the list's wrapper (not public) puts it.</summary>
        internal static IReadOnlyList<CustomTable> ParseList(JToken json)
        {
            var tables = json as JArray ?? FindArray(json);
            return tables == null ? Array.Empty<CustomTable>() : tables.OfType<JObject>().Where(t => t["technicalName"] != null).Select(Parse).ToList();
        }

        internal static CustomTable Parse(JObject table) =>
            new CustomTable(
                (string?)table["technicalName"] ?? string.Empty,
                (string?)table["id"],
                (string?)table["userName"],
                (string?)table["category"],
                (table["capabilities"] as JArray ?? new JArray()).Select(c => (string?)c).Where(c => c != null).Select(c => c!).ToList(),
                (table["attributes"] as JArray ?? new JArray()).OfType<JObject>().Where(a => !string.IsNullOrEmpty((string?)a["fieldName"])).Select(CustomTableField.Parse).ToList(),
                (string?)table["primaryKey"],
                (string?)table["businessKey"],
                PlainJson.From(table));

        private static JArray? FindArray(JToken json)
        {
            if (!(json is JObject obj)) return null;
            foreach (var property in obj.Properties())
            {
                if (property.Value is JArray array && array.OfType<JObject>().Any(o => o["technicalName"] != null)) return array;
            }
            return null;
        }
    }

    /// <summary>One field of a custom table.</summary>
    public sealed class CustomTableField
    {
        public CustomTableField(string fieldName, string type, bool unique, bool required, string? description = null)
        {
            FieldName = fieldName;
            Type = type;
            Unique = unique;
            Required = required;
            Description = description;
        }

        public string FieldName { get; }

        /// <summary>Long, String, Date (the guide's), or another type Actito names.</summary>
        public string Type { get; }

        public bool Unique { get; }

        public bool Required { get; }

        public string? Description { get; }

        public override string ToString() => $"{FieldName} ({Type})";

        internal static CustomTableField Parse(JObject field) =>
            new CustomTableField((string)field["fieldName"]!, (string?)field["type"] ?? "String", JsonText.IsTrue(field["unique"]), JsonText.IsTrue(field["required"]), (string?)field["description"]);

    }
}
