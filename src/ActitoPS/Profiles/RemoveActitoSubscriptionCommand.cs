using System.Management.Automation;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Remove, "ActitoSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProfileChangeResult))]
    public sealed class RemoveActitoSubscriptionCommand : SubscriptionCommand
    {
        protected override bool Subscribe => false;
    }
}
