using System.Collections;
using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.CustomTables;
using ActitoPS.Hosting;

namespace ActitoPS.CustomTables
{
    [Cmdlet(VerbsCommon.Get, "ActitoCustomTable")]
    [OutputType(typeof(CustomTable))]
    public sealed class GetActitoCustomTableCommand : TableListCommand
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(CustomTableCompleter))]
        public string[]? Name { get; set; }

        protected override string[]? Names => Name;

        protected override IEnumerable List(ActitoConnection connection, string[]? names, bool refresh) =>
            GetCustomTableOperation.Run(connection, names, refresh, ActitoHost, CancelToken);
    }
}
