using System;
using System.Management.Automation;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Profiles
{
    /// <summary>Add-ActitoSubscription and Remove-ActitoSubscription: the same parameters, the opposite change.</summary>
    public abstract class SubscriptionCommand : ProfileChangeCommand
    {
        private DataCollectionInfo? _dataCollection;

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

        /// <summary>True to subscribe, false to unsubscribe.</summary>
        protected abstract bool Subscribe { get; }

        protected override void Prepare() => _dataCollection = new DataCollectionInfo(DataCollectionSource, DataCollectionWay, DataCollectionDate);

        protected override void Change(ProfileChangeOperation operation, string table, long profileId)
        {
            foreach (var name in Subscription) operation.Subscription(table, profileId, name, Subscribe, _dataCollection!, null);
        }
    }
}
