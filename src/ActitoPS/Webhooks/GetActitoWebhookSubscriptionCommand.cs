using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Webhooks;
using ActitoPS.Hosting;

namespace ActitoPS.Webhooks
{
    [Cmdlet(VerbsCommon.Get, "ActitoWebhookSubscription")]
    [OutputType(typeof(WebhookSubscription))]
    public sealed class GetActitoWebhookSubscriptionCommand : ActitoCmdlet
    {
        private WebhookOperation? _operation;

        /// <summary>The subscription's id; none: every subscription of the entity.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void BeginProcessing() => Run(() => _operation = new WebhookOperation(ConnectionOrCurrent(Connection), ActitoHost, CancelToken));

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
