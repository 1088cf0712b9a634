using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.MassImports;
using ActitoPS.Hosting;

namespace ActitoPS.MassImports
{
    [Cmdlet(VerbsCommon.Remove, "ActitoEtl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Id")]
    public sealed class RemoveActitoEtlCommand : ActitoCmdlet
    {
        private EtlDefinitionOperation? _operation;

        // Not bound from the pipeline by property name: an execution's Id is no ETL's, though the numbers may be the same.
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Id")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = System.Array.Empty<string>();

        /// <summary>ETLs as Get-ActitoEtl or New-ActitoEtl wrote them.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "InputObject")]
        [ValidateNotNull]
        public EtlDefinition? InputObject { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override bool SkipConfirmation => Force.IsPresent;

        protected override void BeginProcessing() => Run(() => _operation = new EtlDefinitionOperation(ConnectionOrCurrent(Connection), ActitoHost, CancelToken));

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var id in InputObject != null ? new[] { InputObject.Id ?? string.Empty } : Id) _operation!.Remove(id);
        });
    }
}
