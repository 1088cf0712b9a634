using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Profiles;
using ActitoPS.Hosting;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Get, "ActitoProfile", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(ActitoProfile))]
    public sealed class GetActitoProfileCommand : ActitoCmdlet
    {
        private const string ByIdSet = "ById";
        private const string ByKeySet = "ByKey";
        private GetProfileOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string Table { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long[] ProfileId { get; set; } = new long[0];

        [Parameter(Mandatory = true, ParameterSetName = ByKeySet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UniqueAttributeCompleter))]
        public string Key { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = ByKeySet, ValueFromPipeline = true)]
        [AllowEmptyString]
        public object[] Value { get; set; } = new object[0];

        [Parameter]
        [ValidateRange(1, 100)]
        public int ThrottleLimit { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void BeginProcessing() => Run(() =>
            _operation = new GetProfileOperation(ConnectionOrCurrent(Connection), ActitoHost, PowerShellValues.Unwrap, CancelToken)
            {
                StopAtFirstError = ErrorsEndTheCommand(),
                ThrottleLimit = Throttle(ThrottleLimit),
            });

        protected override void ProcessRecord() => Run(() =>
        {
            if (ParameterSetName == ByKeySet)
            {
                foreach (var value in Value) _operation!.ByKey(Table, Key, value is PSObject wrapped ? wrapped.BaseObject : value, value);
            }
            else
            {
                foreach (var id in ProfileId) _operation!.ById(Table, id, null);
            }
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();
    }
}
