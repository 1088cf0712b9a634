using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.MassImports;
using ActitoPS.Hosting;

namespace ActitoPS.MassImports
{
    [Cmdlet(VerbsCommon.Get, "ActitoEtl")]
    [OutputType(typeof(EtlDefinition))]
    public sealed class GetActitoEtlCommand : ActitoCmdlet
    {
        private EtlDefinitionOperation? _operation;

        /// <summary>The ETL's id; none: every TRIGGERED ETL of the entity.</summary>
        // Not bound from the pipeline: an execution's Id is no ETL's, though the numbers may be the same.
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void BeginProcessing() => Run(() => _operation = new EtlDefinitionOperation(ConnectionOrCurrent(Connection), ActitoHost, CancelToken));

        protected override void ProcessRecord() => Run(() =>
        {
            if (Id == null)
            {
                _operation!.Get(null);
                return;
            }
            foreach (var id in Id) _operation!.Get(id);
        });
    }
}
