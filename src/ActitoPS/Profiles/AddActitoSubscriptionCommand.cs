using System.Management.Automation;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Add, "ActitoSubscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProfileChangeResult))]
    public sealed class AddActitoSubscriptionCommand : SubscriptionCommand
    {
        protected override bool Subscribe => true;
    }
}
