using System.Management.Automation;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Add, "ActitoSegmentation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProfileChangeResult))]
    public sealed class AddActitoSegmentationCommand : SegmentationCommand
    {
        protected override bool Belongs => true;
    }
}
