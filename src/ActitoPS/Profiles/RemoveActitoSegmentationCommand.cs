using System.Management.Automation;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Remove, "ActitoSegmentation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProfileChangeResult))]
    public sealed class RemoveActitoSegmentationCommand : SegmentationCommand
    {
        protected override bool Belongs => false;
    }
}
