using System;

namespace ActitoPS.Core.Records
{
    /// <summary>A row the engine cannot send as it is. The message names the row and, when known, the field.</summary>
    public sealed class ActitoRecordException : Exception
    {
        public ActitoRecordException(int rowNumber, string? field, string problem, Exception? innerException = null)
            : base(Describe(rowNumber, field, problem), innerException)
        {
            RowNumber = rowNumber;
            Field = field;
            Problem = problem;
        }

        public int RowNumber { get; }

        public string? Field { get; }

        public string Problem { get; }

        /// <summary>
        /// True when Actito may hold this row although it failed (an attempt's outcome was unknown): a script
        /// tests it to look the row up rather than send it again blindly or count it as missing.
        /// </summary>
        public bool MayHaveBeenApplied => InnerException is Http.ActitoApiException api && api.MayHaveBeenApplied;

        internal static string Describe(int rowNumber, string? field, string problem) =>
            field == null ? $"Row {rowNumber}: {problem}" : $"Row {rowNumber}, field '{field}': {problem}";
    }
}
