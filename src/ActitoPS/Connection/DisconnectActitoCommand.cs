using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Hosting;

namespace ActitoPS.Connection
{
    [Cmdlet(VerbsCommunications.Disconnect, "Actito")]
    [OutputType(typeof(void))]
    public sealed class DisconnectActitoCommand : ActitoCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public ActitoConnection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var closed = ActitoSession.Disconnect(Connection);
            WriteVerbose(closed == null ? "Not connected: nothing to disconnect." : $"Disconnected from {closed}.");
        }
    }
}
