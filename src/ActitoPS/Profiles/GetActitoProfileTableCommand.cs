using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Profiles;
using ActitoPS.Hosting;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Get, "ActitoProfileTable")]
    [OutputType(typeof(ProfileTable))]
    public sealed class GetActitoProfileTableCommand : ActitoCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string[]? Name { get; set; }

        [Parameter]
        public SwitchParameter Refresh { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override void EndProcessing() => Run(() =>
        {
            foreach (var table in GetProfileTableOperation.Run(ConnectionOrCurrent(Connection), Name, Refresh.IsPresent, ActitoHost, CancelToken))
                WriteObject(table);
        });
    }
}
