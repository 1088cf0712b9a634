using System;
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
    /// <summary>
    /// Completion from the connection's tables: the -Connection given on the line (a variable holding one),
    /// else the session's; the -Table or -CustomTable given on the line for the table's own names.
    /// </summary>
    public abstract class ProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var given = fakeBoundParameters?["Connection"];
            var connection = (given == null ? null : PowerShellValues.Unwrap(given) as ActitoConnection) ?? ActitoSession.Current;
            var table = (fakeBoundParameters?["Table"] ?? fakeBoundParameters?["CustomTable"])?.ToString();
            return Names(connection, table, wordToComplete)
                .Select(name => new CompletionResult(name.IndexOf(' ') >= 0 ? "'" + name + "'" : name, name, CompletionResultType.ParameterValue, name))
                .ToList();
        }

        protected abstract IEnumerable<string> Names(ActitoConnection? connection, string? table, string wordToComplete);
    }

    /// <summary>Offers the entity's profile tables for -Table.</summary>
    public sealed class ProfileTableCompleter : ProfileCompleter
    {
        protected override IEnumerable<string> Names(ActitoConnection? connection, string? table, string wordToComplete) =>
            ProfileTableCompletion.Complete(connection, wordToComplete);
    }

    /// <summary>Offers the table's subscriptions for -Subscription.</summary>
    public sealed class SubscriptionCompleter : ProfileCompleter
    {
        protected override IEnumerable<string> Names(ActitoConnection? connection, string? table, string wordToComplete) =>
            ProfileTableCompletion.Subscriptions(connection, table, wordToComplete);
    }

    /// <summary>Offers the table's segmentations for -Segmentation.</summary>
    public sealed class SegmentationCompleter : ProfileCompleter
    {
        protected override IEnumerable<string> Names(ActitoConnection? connection, string? table, string wordToComplete) =>
            ProfileTableCompletion.Segmentations(connection, table, wordToComplete);
    }

    /// <summary>Offers the table's unique attributes for -Key.</summary>
    public sealed class UniqueAttributeCompleter : ProfileCompleter
    {
        protected override IEnumerable<string> Names(ActitoConnection? connection, string? table, string wordToComplete) =>
            ProfileTableCompletion.UniqueAttributes(connection, table, wordToComplete);
    }
}
