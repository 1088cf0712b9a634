using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Profiles;
using ActitoPS.Hosting;

namespace ActitoPS.Profiles
{
    /// <summary>Offers the current connection's profile tables for -Table.</summary>
    public sealed class ProfileTableCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var given = fakeBoundParameters?["Connection"];
            var connection = (given == null ? null : PowerShellValues.Unwrap(given) as ActitoConnection) ?? ActitoSession.Current;
            return ProfileTableCompletion.Complete(connection, wordToComplete)
                .Select(name => new CompletionResult(name.IndexOf(' ') >= 0 ? "'" + name + "'" : name, name, CompletionResultType.ParameterValue, name))
                .ToList();
        }
    }
}
