using System;
using System.Management.Automation;
using System.Security;
using ActitoPS.Core.Connection;
using ActitoPS.Hosting;

namespace ActitoPS.Connection
{
    [Cmdlet(VerbsCommunications.Connect, "Actito", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(ActitoConnection))]
    public sealed class ConnectActitoCommand : ActitoCmdlet
    {
        private const string EnvironmentSet = "Environment";
        private const string BaseUriSet = "BaseUri";

        // By property name too: a runbook pipes its settings (Entity, Environment or BaseUri) from a file.
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Entity { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet, ValueFromPipelineByPropertyName = true)]
        public ActitoEnvironment Environment { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = BaseUriSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        [Parameter]
        public SecureString? ApiKey { get; set; }

        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int MaxConcurrentRequests { get; set; } = 5;

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int CallsPerMinute { get; set; } = 100;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        [Parameter]
        public ActitoProfileApi ProfileApi { get; set; } = ActitoProfileApi.V4;

        protected override void ProcessRecord()
        {
            var request = new ConnectRequest(Entity)
            {
                Environment = ParameterSetName == EnvironmentSet ? PowerShellValues.ToCore<Core.Connection.ActitoEnvironment>(Environment) : (Core.Connection.ActitoEnvironment?)null,
                BaseUri = BaseUri,
                ApiKey = ApiKey,
                CredentialUserName = Credential?.UserName,
                CredentialPassword = Credential?.Password,
                MaxConcurrentRequests = MaxConcurrentRequests,
                CallsPerMinute = CallsPerMinute,
                TimeoutSec = TimeoutSec,
                ProfileApi = PowerShellValues.ToCore<Core.Connection.ActitoProfileApi>(ProfileApi),
            };
            Run(() => WriteObject(ConnectOperation.Run(request, ActitoHost, CancelToken)));
        }
    }
}
