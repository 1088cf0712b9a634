using System.Management.Automation;
using ActitoPS.Core.MassImports;

namespace ActitoPS.MassImports
{
    [Cmdlet(VerbsCommon.Get, "ActitoEtlExecution", DefaultParameterSetName = ByExecution)]
    [OutputType(typeof(EtlExecution))]
    public sealed class GetActitoEtlExecutionCommand : EtlExecutionCommand
    {
        private EtlExecutionQuery? _query;

        protected override void BeginProcessing() => Run(() => _query = new EtlExecutionQuery(ConnectionOrCurrent(Connection), ActitoHost, CancelToken));

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var (id, known) in Executions()) _query!.Get(id, known);
        });
    }
}
