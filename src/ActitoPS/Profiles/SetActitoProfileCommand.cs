using System;
using System.Collections;
using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Profiles;
using ActitoPS.Hosting;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Set, "ActitoProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProfileUpsertResult))]
    public sealed class SetActitoProfileCommand : ActitoCmdlet
    {
        private SetProfileOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string Table { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long? ProfileId { get; set; }

        [Parameter]
        public SwitchParameter CreateOnly { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Hashtable? Subscription { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Hashtable? Segmentation { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Property { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? ExcludeProperty { get; set; }

        [Parameter]
        public string? DataCollectionSource { get; set; }

        [Parameter]
        public string? DataCollectionWay { get; set; }

        [Parameter]
        public DateTime? DataCollectionDate { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int ThrottleLimit { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void BeginProcessing() => Run(() =>
            // -Table given on the command line names the run; bound from each row, it may differ row to row.
            _operation = new SetProfileOperation(ConnectionOrCurrent(Connection), MyInvocation.BoundParameters.ContainsKey("Table") ? Table : null,
                DataCollectionInfo.FromParameters(DataCollectionSource, DataCollectionWay, DataCollectionDate),
                ActitoHost, PowerShellValues.Unwrap, CancelToken)
            {
                StopAtFirstError = ErrorsEndTheCommand(),
                ThrottleLimit = Throttle(ThrottleLimit),
                CreateOnly = CreateOnly.IsPresent,
                Subscriptions = PowerShellValues.ToDictionary(Subscription),
                Segmentations = PowerShellValues.ToDictionary(Segmentation),
                Property = Property,
                ExcludeProperty = ExcludeProperty,
            });

        protected override void ProcessRecord() => Run(() => _operation!.Process(InputObject, Table, ProfileId));

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();
    }
}
