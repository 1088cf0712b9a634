using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>What an import's input would have Actito refuse, found before anything was sent: each problem with the first rows concerned.</summary>
    public sealed class ActitoImportCheckException : Exception
    {
        public ActitoImportCheckException(string input, string destination, IReadOnlyList<string> problems)
            : base(Describe(input, destination, problems))
        {
            Problems = problems;
        }

        public IReadOnlyList<string> Problems { get; }

        private static string Describe(string input, string destination, IReadOnlyList<string> problems) =>
            $"Nothing was sent: Actito would refuse {input} for {destination}. {(problems.Count == 1 ? "The problem" : $"{problems.Count.ToString(CultureInfo.InvariantCulture)} problems")}:" +
            string.Concat(problems.Select(p => Environment.NewLine + "- " + p));
    }
}
