using System.Collections;
using System.Management.Automation;
using ActitoPS.Core.Connection;

namespace ActitoPS.Hosting
{
    /// <summary>Get-ActitoProfileTable and Get-ActitoCustomTable: the tables of one kind, by name, from the connection's cache.</summary>
    public abstract class TableListCommand : ActitoCmdlet
    {
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        /// <summary>The names asked for (wildcards), null for all.</summary>
        protected abstract string[]? Names { get; }

        protected override void EndProcessing() => Run(() =>
        {
            foreach (var table in List(ConnectionOrCurrent(Connection), Names, Refresh.IsPresent)) WriteObject(table);
        });

        protected abstract IEnumerable List(ActitoConnection connection, string[]? names, bool refresh);
    }
}
