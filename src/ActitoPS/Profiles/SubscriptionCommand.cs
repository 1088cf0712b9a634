using System;
using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Profiles;
using ActitoPS.Hosting;

namespace ActitoPS.Profiles
{
    /// <summary>Add-ActitoSubscription and Remove-ActitoSubscription: the same parameters, the opposite change.</summary>
    public abstract class SubscriptionCommand : ActitoCmdlet
    {
        private ProfileChangeOperation? _operation;
        private DataCollectionInfo? _dataCollection;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string Table { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long[] ProfileId { get; set; } = new long[0];

        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SubscriptionCompleter))]
        public string[] Subscription { get; set; } = new string[0];

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string DataCollectionSource { get; set; } = string.Empty;

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string DataCollectionWay { get; set; } = string.Empty;

        [Parameter]
        public DateTime? DataCollectionDate { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int ThrottleLimit { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        /// <summary>True to subscribe, false to unsubscribe.</summary>
        protected abstract bool Subscribe { get; }

        protected override void BeginProcessing() => Run(() =>
        {
            _dataCollection = new DataCollectionInfo(DataCollectionSource, DataCollectionWay, DataCollectionDate);
            _operation = new ProfileChangeOperation(ConnectionOrCurrent(Connection), ActitoHost, PowerShellValues.Unwrap, CancelToken, MyInvocation.MyCommand.Name)
            {
                StopAtFirstError = ErrorsEndTheCommand(),
                ThrottleLimit = Throttle(ThrottleLimit),
            };
        });

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var id in ProfileId)
            {
                foreach (var name in Subscription) _operation!.Subscription(Table, id, name, Subscribe, _dataCollection!, null);
            }
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();
    }
}
