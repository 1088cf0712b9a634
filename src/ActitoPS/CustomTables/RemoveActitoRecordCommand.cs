using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.CustomTables;
using ActitoPS.Hosting;

namespace ActitoPS.CustomTables
{
    [Cmdlet(VerbsCommon.Remove, "ActitoRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RecordWriteResult))]
    public sealed class RemoveActitoRecordCommand : ActitoCmdlet
    {
        private RecordKeyOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomTableCompleter))]
        public string CustomTable { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] BusinessKey { get; set; } = new string[0];

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int ThrottleLimit { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override bool SkipConfirmation => Force.IsPresent;

        protected override void BeginProcessing() => Run(() =>
            _operation = new RecordKeyOperation(ConnectionOrCurrent(Connection), ActitoHost, PowerShellValues.Unwrap, CancelToken, "Remove-ActitoRecord")
            {
                StopAtFirstError = ErrorsEndTheCommand(),
                ThrottleLimit = Throttle(ThrottleLimit),
            });

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var key in BusinessKey) _operation!.Delete(CustomTable, key, null);
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();
    }
}
