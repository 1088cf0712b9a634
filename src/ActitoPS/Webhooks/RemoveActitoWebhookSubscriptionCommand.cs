using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Webhooks;
using ActitoPS.Hosting;

namespace ActitoPS.Webhooks
{
    [Cmdlet(VerbsCommon.Remove, "ActitoWebhookSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Id")]
    public sealed class RemoveActitoWebhookSubscriptionCommand : ActitoCmdlet
    {
        private WebhookOperation? _operation;

        // Not bound from the pipeline by property name: any object's Id (an execution's, an ETL's) is no subscription's.
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Id")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = System.Array.Empty<string>();

        /// <summary>Subscriptions as Get-ActitoWebhookSubscription or New-ActitoWebhookSubscription wrote them.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "InputObject")]
        [ValidateNotNull]
        public WebhookSubscription? InputObject { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override bool SkipConfirmation => Force.IsPresent;

        protected override void BeginProcessing() => Run(() => _operation = new WebhookOperation(ConnectionOrCurrent(Connection), ActitoHost, CancelToken));

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var id in InputObject != null ? new[] { InputObject.Id ?? string.Empty } : Id) _operation!.Remove(id);
        });
    }
}
