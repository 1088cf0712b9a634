using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Hosting;

namespace ActitoPS.Connection
{
    [Cmdlet(VerbsCommon.Get, "ActitoConnection")]
    [OutputType(typeof(ActitoConnection))]
    public sealed class GetActitoConnectionCommand : ActitoCmdlet
    {
        protected override void ProcessRecord()
        {
            var current = ActitoSession.Current;
            if (current != null) WriteObject(current);
        }
    }
}
