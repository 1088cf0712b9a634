using System.Management.Automation;
using ActitoPS.Core.Profiles;

namespace ActitoPS.Profiles
{
    /// <summary>Add-ActitoSegmentation and Remove-ActitoSegmentation: a profile's membership of one category.</summary>
    public abstract class SegmentationCommand : ProfileChangeCommand
    {
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SegmentationCompleter))]
        public string Segmentation { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 3)]
        [ValidateNotNullOrEmpty]
        public string Category { get; set; } = string.Empty;

        /// <summary>True to add the profile to the category, false to take it out.</summary>
        protected abstract bool Belongs { get; }

        protected override void Change(ProfileChangeOperation operation, string table, long profileId) =>
            operation.Segmentation(table, profileId, Segmentation, Category, Belongs, null);
    }
}
