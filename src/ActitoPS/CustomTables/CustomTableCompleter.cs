using System.Collections.Generic;
using ActitoPS.Core.Connection;
using ActitoPS.Core.CustomTables;
using ActitoPS.Profiles;

namespace ActitoPS.CustomTables
{
    /// <summary>Offers the entity's custom tables for -CustomTable.</summary>
    public sealed class CustomTableCompleter : ProfileCompleter
    {
        protected override IEnumerable<string> Names(ActitoConnection? connection, string? table, string wordToComplete) =>
            CustomTableCompletion.Tables(connection, wordToComplete);
    }

    /// <summary>Offers the custom table's fields for -SearchField and -SortField.</summary>
    public sealed class CustomTableFieldCompleter : ProfileCompleter
    {
        protected override IEnumerable<string> Names(ActitoConnection? connection, string? table, string wordToComplete) =>
            CustomTableCompletion.Fields(connection, table, wordToComplete);
    }
}
