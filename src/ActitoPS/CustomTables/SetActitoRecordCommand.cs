using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.CustomTables;
using ActitoPS.Hosting;

namespace ActitoPS.CustomTables
{
    [Cmdlet(VerbsCommon.Set, "ActitoRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RecordWriteResult))]
    public sealed class SetActitoRecordCommand : ActitoCmdlet
    {
        private SetRecordOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomTableCompleter))]
        public string CustomTable { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? BusinessKey { get; set; }

        [Parameter]
        public SwitchParameter CreateOnly { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Property { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? ExcludeProperty { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int ThrottleLimit { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void BeginProcessing() => Run(() =>
            // -CustomTable given on the command line names the run; bound from each row, it may differ row to row.
            _operation = new SetRecordOperation(ConnectionOrCurrent(Connection), MyInvocation.BoundParameters.ContainsKey("CustomTable") ? CustomTable : null,
                ActitoHost, PowerShellValues.Unwrap, CancelToken)
            {
                StopAtFirstError = ErrorsEndTheCommand(),
                ThrottleLimit = Throttle(ThrottleLimit),
                CreateOnly = CreateOnly.IsPresent,
                Property = Property,
                ExcludeProperty = ExcludeProperty,
            });

        protected override void ProcessRecord() => Run(() => _operation!.Process(InputObject, CustomTable, BusinessKey));

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();
    }
}
