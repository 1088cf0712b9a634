using System.Collections.Specialized;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>
    /// A custom-table record as Get-ActitoRecord writes it: its fields typed by the table's structure (Long a
    /// long, Date a DateTimeOffset or DateTime, String a string), its business key, its table, and Actito's
    /// answer as it came. The cmdlet also shows each field as a property of its own.
    /// </summary>
    public sealed class CustomTableRecord : Records.IReadBack
    {
        public CustomTableRecord(string customTable, string? businessKey, OrderedDictionary fields, object? response)
        {
            CustomTable = customTable;
            BusinessKey = businessKey;
            Fields = fields;
            Response = response;
        }

        public string CustomTable { get; }

        /// <summary>The key the record is called by (its business key field's value), as text.</summary>
        public string? BusinessKey { get; }

        /// <summary>Field name → typed value, as the structure spells and orders them.</summary>
        public OrderedDictionary Fields { get; }

        public object? Response { get; }

        public override string ToString() => $"record {BusinessKey} of {CustomTable}";
    }

    /// <summary>One record written or deleted: its row, table, business key and what was done.</summary>
    public sealed class RecordWriteResult
    {
        public RecordWriteResult(int rowNumber, string customTable, string? businessKey, string change, Newtonsoft.Json.Linq.JToken? response)
        {
            RowNumber = rowNumber;
            CustomTable = customTable;
            BusinessKey = businessKey;
            Change = change;
            Response = Http.PlainJson.From(response);
        }

        public int RowNumber { get; }

        public string CustomTable { get; }

        public string? BusinessKey { get; }

        /// <summary>"Created or updated", "Created", "Updated" or "Deleted".</summary>
        public string Change { get; }

        public object? Response { get; }
    }
}
