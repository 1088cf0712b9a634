using System.Management.Automation;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Remove, "ActitoProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ProfileChangeResult))]
    public sealed class RemoveActitoProfileCommand : ProfileChangeCommand
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool SkipConfirmation => Force.IsPresent;

        protected override void Change(ProfileChangeOperation operation, string table, long profileId) => operation.Delete(table, profileId, null);
    }
}
