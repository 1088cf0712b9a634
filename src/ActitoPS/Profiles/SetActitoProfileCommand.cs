using System;
using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Profiles;
using ActitoPS.Hosting;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Set, "ActitoProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProfileUpsertResult))]
    public sealed class SetActitoProfileCommand : ActitoCmdlet
    {
        private SetProfileOperation? _operation;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string Table { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter]
        public string? DataCollectionSource { get; set; }

        [Parameter]
        public string? DataCollectionWay { get; set; }

        [Parameter]
        public DateTime? DataCollectionDate { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void BeginProcessing() => Run(() =>
            _operation = new SetProfileOperation(ConnectionOrCurrent(Connection), Table,
                DataCollectionInfo.FromParameters(DataCollectionSource, DataCollectionWay, DataCollectionDate),
                ActitoHost, PowerShellValues.Unwrap, CancelToken) { StopAtFirstError = ErrorsEndTheCommand() });

        protected override void ProcessRecord() => Run(() => _operation!.Process(InputObject));

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();
    }
}
