using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Profiles;
using ActitoPS.Hosting;

namespace ActitoPS.Profiles
{
    /// <summary>
    /// What the cmdlets that change known profiles share: -Table and -ProfileId bound by property name (so
    /// Get-ActitoProfile's output feeds them), -ThrottleLimit, -Connection, and one operation for the run.
    /// </summary>
    public abstract class ProfileChangeCommand : ActitoCmdlet
    {
        private ProfileChangeOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string Table { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long[] ProfileId { get; set; } = new long[0];

        [Parameter]
        [ValidateRange(1, 100)]
        public int ThrottleLimit { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void BeginProcessing() => Run(() =>
        {
            Prepare();
            _operation = new ProfileChangeOperation(ConnectionOrCurrent(Connection), ActitoHost, PowerShellValues.Unwrap, CancelToken, MyInvocation.MyCommand.Name)
            {
                StopAtFirstError = ErrorsEndTheCommand(),
                ThrottleLimit = Throttle(ThrottleLimit),
            };
        });

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var id in ProfileId) Change(_operation!, Table, id);
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();

        /// <summary>Reads the command's own parameters once, before the first row.</summary>
        protected virtual void Prepare()
        {
        }

        /// <summary>Queues this command's change of one profile.</summary>
        protected abstract void Change(ProfileChangeOperation operation, string table, long profileId);
    }
}
