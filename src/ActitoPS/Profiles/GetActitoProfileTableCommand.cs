using System.Collections;
using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Profiles;
using ActitoPS.Hosting;

namespace ActitoPS.Profiles
{
    [Cmdlet(VerbsCommon.Get, "ActitoProfileTable")]
    [OutputType(typeof(ProfileTable))]
    public sealed class GetActitoProfileTableCommand : TableListCommand
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string[]? Name { get; set; }

        protected override string[]? Names => Name;

        protected override IEnumerable List(ActitoConnection connection, string[]? names, bool refresh) =>
            GetProfileTableOperation.Run(connection, names, refresh, ActitoHost, CancelToken);
    }
}
