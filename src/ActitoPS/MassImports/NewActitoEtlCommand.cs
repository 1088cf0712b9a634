using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.MassImports;
using ActitoPS.CustomTables;
using ActitoPS.Hosting;
using ActitoPS.Profiles;

namespace ActitoPS.MassImports
{
    [Cmdlet(VerbsCommon.New, "ActitoEtl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ProfileTableSet)]
    [OutputType(typeof(EtlDefinition))]
    public sealed class NewActitoEtlCommand : ActitoCmdlet
    {
        private const string ProfileTableSet = "ProfileTable";
        private const string CustomTableSet = "CustomTable";
        private const string DefinitionSet = "Definition";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProfileTableSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CustomTableSet)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = ProfileTableSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string Table { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = CustomTableSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomTableCompleter))]
        public string CustomTable { get; set; } = string.Empty;

        /// <summary>Actito's JSON definition: a path to a .json file, JSON text, or a hashtable of the same shape.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DefinitionSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object? Definition { get; set; }

        [Parameter(ParameterSetName = ProfileTableSet)]
        [Parameter(ParameterSetName = CustomTableSet)]
        public string? Description { get; set; }

        [Parameter(ParameterSetName = ProfileTableSet)]
        [Parameter(ParameterSetName = CustomTableSet)]
        public EtlMode Mode { get; set; } = EtlMode.CreateOrUpdate;

        [Parameter(ParameterSetName = ProfileTableSet)]
        [Parameter(ParameterSetName = CustomTableSet)]
        [ValidateNotNull]
        public Hashtable? Mapping { get; set; }

        [Parameter(ParameterSetName = ProfileTableSet)]
        [Parameter(ParameterSetName = CustomTableSet)]
        public char Separator { get; set; } = ',';

        [Parameter(ParameterSetName = ProfileTableSet)]
        [Parameter(ParameterSetName = CustomTableSet)]
        [ValidateNotNullOrEmpty]
        public string? FileNamePattern { get; set; }

        [Parameter(ParameterSetName = ProfileTableSet)]
        [Parameter(ParameterSetName = CustomTableSet)]
        [ValidateNotNullOrEmpty]
        public string[]? ReportRecipient { get; set; }

        [Parameter(ParameterSetName = ProfileTableSet)]
        [Parameter(ParameterSetName = CustomTableSet)]
        public SwitchParameter ResultFile { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override bool SkipConfirmation => Force.IsPresent;

        protected override void ProcessRecord() => Run(() =>
        {
            var operation = new EtlDefinitionOperation(ConnectionOrCurrent(Connection), ActitoHost, CancelToken);
            var definition = ParameterSetName == DefinitionSet
                ? ReadDefinition(Definition is PSObject wrapped ? wrapped.BaseObject : Definition)
                : operation.FromParameters(Name, Description, ParameterSetName == ProfileTableSet ? Table : null, ParameterSetName == CustomTableSet ? CustomTable : null, PowerShellValues.ToCore<Core.MassImports.EtlMode>(Mode),
                    PowerShellValues.ToTextDictionary(Mapping),
                    Separator, FileNamePattern, ReportRecipient ?? Array.Empty<string>(), ResultFile.IsPresent);
            operation.New(definition);
        });

        private EtlDefinition ReadDefinition(object? given)
        {
            switch (given)
            {
                case IDictionary table:
                    return EtlDefinition.FromObject(PowerShellValues.ToPlain(table)!);
                case string text when text.TrimStart().StartsWith("{", StringComparison.Ordinal):
                    return EtlDefinition.FromText(text, "the JSON given");
                case string path:
                    var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    return EtlDefinition.FromText(File.ReadAllText(full), full);
                case FileInfo file:
                    return EtlDefinition.FromText(File.ReadAllText(file.FullName), file.FullName);
                default:
                    throw new ArgumentException("-Definition takes a path to Actito's JSON definition, the JSON text, or a hashtable of the same shape.");
            }
        }
    }
}
