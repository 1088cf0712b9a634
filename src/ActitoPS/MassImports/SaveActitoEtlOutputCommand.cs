using System.IO;
using System.Management.Automation;
using ActitoPS.Core.MassImports;

namespace ActitoPS.MassImports
{
    [Cmdlet(VerbsData.Save, "ActitoEtlOutput", DefaultParameterSetName = ByExecution, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveActitoEtlOutputCommand : EtlExecutionCommand
    {
        private EtlExecutionQuery? _query;
        private string _folder = string.Empty;

        /// <summary>The folder the files go into (created when missing); the current location by default.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter]
        [ValidateSet("Error", "Result")]
        public string[]? Kind { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force.IsPresent;

        protected override void BeginProcessing() => Run(() =>
        {
            _folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path ?? SessionState.Path.CurrentFileSystemLocation.ProviderPath);
            _query = new EtlExecutionQuery(ConnectionOrCurrent(Connection), ActitoHost, CancelToken);
        });

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var (id, known) in Executions()) _query!.Save(id, known, _folder, Kind, Force.IsPresent);
        });
    }
}
