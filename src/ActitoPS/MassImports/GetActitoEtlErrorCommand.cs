using System.Management.Automation;
using ActitoPS.Core.MassImports;

namespace ActitoPS.MassImports
{
    [Cmdlet(VerbsCommon.Get, "ActitoEtlError", DefaultParameterSetName = ByExecution)]
    [OutputType(typeof(EtlErrorRow))]
    public sealed class GetActitoEtlErrorCommand : EtlExecutionCommand
    {
        private EtlExecutionQuery? _query;

        protected override void BeginProcessing() => Run(() => _query = new EtlExecutionQuery(ConnectionOrCurrent(Connection), ActitoHost, CancelToken));

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var (id, known) in Executions()) _query!.Errors(id, known);
        });
    }
}
