using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Webhooks;
using ActitoPS.Hosting;

namespace ActitoPS.Webhooks
{
    [Cmdlet(VerbsCommon.Remove, "ActitoWebhookSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveActitoWebhookSubscriptionCommand : ActitoCmdlet
    {
        private WebhookOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = System.Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override bool SkipConfirmation => Force.IsPresent;

        protected override void BeginProcessing() => Run(() => _operation = new WebhookOperation(ConnectionOrCurrent(Connection), ActitoHost, CancelToken));

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var id in Id) _operation!.Remove(id);
        });
    }
}
