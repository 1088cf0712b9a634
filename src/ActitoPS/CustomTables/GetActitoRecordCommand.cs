using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.CustomTables;
using ActitoPS.Hosting;

namespace ActitoPS.CustomTables
{
    [Cmdlet(VerbsCommon.Get, "ActitoRecord", DefaultParameterSetName = ByKeySet)]
    [OutputType(typeof(CustomTableRecord))]
    public sealed class GetActitoRecordCommand : ActitoCmdlet
    {
        private const string ByKeySet = "ByBusinessKey";
        private const string QuerySet = "Query";
        private RecordKeyOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomTableCompleter))]
        public string CustomTable { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByKeySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] BusinessKey { get; set; } = new string[0];

        [Parameter(Mandatory = true, ParameterSetName = QuerySet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomTableFieldCompleter))]
        public string SearchField { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = QuerySet)]
        [AllowEmptyString]
        public object? SearchValue { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomTableFieldCompleter))]
        public string? SortField { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        public SwitchParameter Descending { get; set; }

        [Parameter(ParameterSetName = QuerySet)]
        [ValidateRange(1, 200)]
        public int First { get; set; }

        [Parameter(ParameterSetName = ByKeySet)]
        [ValidateRange(1, 100)]
        public int ThrottleLimit { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void BeginProcessing() => Run(() =>
        {
            if (ParameterSetName != ByKeySet) return;
            _operation = new RecordKeyOperation(ConnectionOrCurrent(Connection), ActitoHost, PowerShellValues.Unwrap, CancelToken, "Get-ActitoRecord")
            {
                StopAtFirstError = ErrorsEndTheCommand(),
                ThrottleLimit = Throttle(ThrottleLimit),
            };
        });

        protected override void ProcessRecord() => Run(() =>
        {
            if (ParameterSetName == QuerySet)
            {
                RecordQuery.Run(ConnectionOrCurrent(Connection), CustomTable, SearchField, SearchValue is PSObject wrapped ? wrapped.BaseObject : SearchValue,
                    SortField, Descending.IsPresent, MyInvocation.BoundParameters.ContainsKey("First") ? First : (int?)null, ActitoHost, CancelToken);
                return;
            }
            foreach (var key in BusinessKey) _operation!.Read(CustomTable, key, null);
        });

        protected override void EndProcessing() => Run(() => _operation?.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();
    }
}
