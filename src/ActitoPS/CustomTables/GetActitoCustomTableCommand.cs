using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.CustomTables;
using ActitoPS.Hosting;

namespace ActitoPS.CustomTables
{
    [Cmdlet(VerbsCommon.Get, "ActitoCustomTable")]
    [OutputType(typeof(CustomTable))]
    public sealed class GetActitoCustomTableCommand : ActitoCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(CustomTableCompleter))]
        public string[]? Name { get; set; }

        [Parameter]
        public SwitchParameter Refresh { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void EndProcessing() => Run(() =>
        {
            foreach (var table in GetCustomTableOperation.Run(ConnectionOrCurrent(Connection), Name, Refresh.IsPresent, ActitoHost, CancelToken))
                WriteObject(table);
        });
    }
}
