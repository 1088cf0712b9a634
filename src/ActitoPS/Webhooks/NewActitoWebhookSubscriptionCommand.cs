using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Webhooks;
using ActitoPS.Hosting;

namespace ActitoPS.Webhooks
{
    [Cmdlet(VerbsCommon.New, "ActitoWebhookSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(WebhookSubscription))]
    public sealed class NewActitoWebhookSubscriptionCommand : ActitoCmdlet
    {
        /// <summary>The TRIGGERED ETL whose finished executions are told; none: every ETL execution of the entity.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string? EtlId { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string TargetUrl { get; set; } = string.Empty;

        /// <summary>Sent with each call, e.g. the receiver's key; never shown back.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Header { get; set; }

        /// <summary>Create it paused: Actito calls nothing until it is active.</summary>
        [Parameter]
        public SwitchParameter Inactive { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override bool SkipConfirmation => Force.IsPresent;

        protected override void ProcessRecord() => Run(() =>
            new WebhookOperation(ConnectionOrCurrent(Connection), ActitoHost, CancelToken).New(EtlId, TargetUrl,
                PowerShellValues.ToTextDictionary(Header) ?? new System.Collections.Generic.Dictionary<string, string>(),
                !Inactive.IsPresent));
    }
}
