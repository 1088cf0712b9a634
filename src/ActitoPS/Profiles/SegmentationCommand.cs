using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Profiles;
using ActitoPS.Hosting;

namespace ActitoPS.Profiles
{
    /// <summary>Add-ActitoSegmentation and Remove-ActitoSegmentation: a profile's membership of one category.</summary>
    public abstract class SegmentationCommand : ActitoCmdlet
    {
        private ProfileChangeOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string Table { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long[] ProfileId { get; set; } = new long[0];

        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SegmentationCompleter))]
        public string Segmentation { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 3)]
        [ValidateNotNullOrEmpty]
        public string Category { get; set; } = string.Empty;

        [Parameter]
        [ValidateRange(1, 100)]
        public int ThrottleLimit { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        /// <summary>True to add the profile to the category, false to take it out.</summary>
        protected abstract bool Belongs { get; }

        protected override void BeginProcessing() => Run(() =>
            _operation = new ProfileChangeOperation(ConnectionOrCurrent(Connection), ActitoHost, PowerShellValues.Unwrap, CancelToken, MyInvocation.MyCommand.Name)
            {
                StopAtFirstError = ErrorsEndTheCommand(),
                ThrottleLimit = Throttle(ThrottleLimit),
            });

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var id in ProfileId) _operation!.Segmentation(Table, id, Segmentation, Category, Belongs, null);
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();
    }
}
