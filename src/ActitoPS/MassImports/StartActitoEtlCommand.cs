using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.MassImports;
using ActitoPS.CustomTables;
using ActitoPS.Hosting;
using ActitoPS.Profiles;

namespace ActitoPS.MassImports
{
    [Cmdlet(VerbsLifecycle.Start, "ActitoEtl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ProfileInput)]
    [OutputType(typeof(EtlExecution), typeof(EtlFile))]
    public sealed class StartActitoEtlCommand : ActitoCmdlet
    {
        private const string ProfileInput = "ProfileTableInput";
        private const string ProfilePath = "ProfileTablePath";
        private const string CustomInput = "CustomTableInput";
        private const string CustomPath = "CustomTablePath";
        private const string EtlInput = "EtlInput";
        private const string EtlPath = "EtlPath";
        private const string EtlFiles = "EtlFiles";

        private StartEtlOperation? _operation;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProfileInput)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProfilePath)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileTableCompleter))]
        public string Table { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = CustomInput)]
        [Parameter(Mandatory = true, ParameterSetName = CustomPath)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CustomTableCompleter))]
        public string CustomTable { get; set; } = string.Empty;

        /// <summary>A TRIGGERED ETL (New-ActitoEtl) whose definition says where the data goes.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EtlInput)]
        [Parameter(Mandatory = true, ParameterSetName = EtlPath)]
        [Parameter(Mandatory = true, ParameterSetName = EtlFiles)]
        [ValidateNotNullOrEmpty]
        public string EtlId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ProfileInput)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = CustomInput)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = EtlInput)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ProfilePath)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = CustomPath)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EtlPath)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>A multi-file TRIGGERED ETL's files by fileCode, e.g. @{profiles='p.csv'; orders='o.csv'}: zipped into one archive.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EtlFiles)]
        [ValidateNotNull]
        public Hashtable? File { get; set; }

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = ProfilePath)]
        [Parameter(ParameterSetName = CustomInput)]
        [Parameter(ParameterSetName = CustomPath)]
        public EtlMode Mode { get; set; } = EtlMode.CreateOrUpdate;

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = ProfilePath)]
        [Parameter(ParameterSetName = CustomInput)]
        [Parameter(ParameterSetName = CustomPath)]
        [ValidateNotNull]
        public Hashtable? Mapping { get; set; }

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = ProfilePath)]
        [Parameter(ParameterSetName = CustomInput)]
        [Parameter(ParameterSetName = CustomPath)]
        [ValidateNotNullOrEmpty]
        public string[]? ReportRecipient { get; set; }

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = ProfilePath)]
        [Parameter(ParameterSetName = CustomInput)]
        [Parameter(ParameterSetName = CustomPath)]
        public SwitchParameter ResultFile { get; set; }

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = ProfilePath)]
        [Parameter(ParameterSetName = CustomInput)]
        [Parameter(ParameterSetName = CustomPath)]
        public char Separator { get; set; } = ',';

        /// <summary>Empty cells leave the field as it is (Actito's ignoreEmptyValues) instead of clearing it.</summary>
        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = ProfilePath)]
        [Parameter(ParameterSetName = CustomInput)]
        [Parameter(ParameterSetName = CustomPath)]
        public SwitchParameter IgnoreEmptyValues { get; set; }

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = ProfilePath)]
        [Parameter(ParameterSetName = CustomInput)]
        [Parameter(ParameterSetName = CustomPath)]
        [Parameter(ParameterSetName = EtlInput)]
        [Parameter(ParameterSetName = EtlPath)]
        [ValidateSet("Gzip", "Zip")]
        public string Compression { get; set; } = "Gzip";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = CustomInput)]
        [Parameter(ParameterSetName = EtlInput)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Property { get; set; }

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = CustomInput)]
        [Parameter(ParameterSetName = EtlInput)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? ExcludeProperty { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        protected override bool SkipConfirmation => Force.IsPresent;

        protected override void BeginProcessing() => Run(() =>
        {
            if (Timeout > 0 && !Wait.IsPresent) throw new ArgumentException("-Timeout is how long -Wait waits: give -Wait with it.");
            if (OutFile != null && Wait.IsPresent) throw new ArgumentException("-OutFile writes the file and sends nothing, so there is nothing to wait for: give one or the other.");
            // The parameter set is not settled before the pipeline binds its first object: what was given says where the data goes.
            _operation = new StartEtlOperation(ConnectionOrCurrent(Connection), ActitoHost, PowerShellValues.Unwrap, CancelToken)
            {
                Table = MyInvocation.BoundParameters.ContainsKey(nameof(Table)) ? Table : null,
                CustomTable = MyInvocation.BoundParameters.ContainsKey(nameof(CustomTable)) ? CustomTable : null,
                EtlId = MyInvocation.BoundParameters.ContainsKey(nameof(EtlId)) ? EtlId : null,
                IgnoreEmptyValues = IgnoreEmptyValues.IsPresent,
                ExpectsFiles = MyInvocation.BoundParameters.ContainsKey(nameof(Path)) || MyInvocation.BoundParameters.ContainsKey(nameof(File)),
                Mode = PowerShellValues.ToCore<Core.MassImports.EtlMode>(Mode),
                Mapping = PowerShellValues.ToTextDictionary(Mapping),
                ReportRecipients = ReportRecipient ?? Array.Empty<string>(),
                ResultFile = ResultFile.IsPresent,
                Separator = Separator,
                Compression = string.Equals(Compression, "Zip", StringComparison.OrdinalIgnoreCase) ? EtlCompression.Zip : EtlCompression.Gzip,
                OutFile = OutFile == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile),
                Property = Property,
                ExcludeProperty = ExcludeProperty,
                Wait = Wait.IsPresent,
                Timeout = Timeout > 0 ? TimeSpan.FromSeconds(Timeout) : (TimeSpan?)null,
            };
        });

        protected override void ProcessRecord() => Run(() =>
        {
            if (ParameterSetName == EtlFiles)
            {
                // fileCodes are matched exactly, as Actito matches them.
                _operation!.ProcessFiles(PowerShellValues.ToTextDictionary(File, StringComparer.Ordinal)!
                    .ToDictionary(f => f.Key, f => SessionState.Path.GetUnresolvedProviderPathFromPSPath(f.Value), StringComparer.Ordinal));
                return;
            }
            if (ParameterSetName.EndsWith("Path", StringComparison.Ordinal))
            {
                foreach (var file in ResolvePaths()) _operation!.ProcessFile(file);
                return;
            }
            // Get-ChildItem's files bind here before -Path can take their FullName: a file piped in is a file to send, not a row.
            if (InputObject?.BaseObject is System.IO.FileInfo delivered)
            {
                _operation!.ExpectsFiles = true;
                _operation.ProcessFile(delivered.FullName);
                return;
            }
            _operation!.Process(InputObject);
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());

        protected override void ReleaseResources() => _operation?.Dispose();

        private IEnumerable<string> ResolvePaths()
        {
            var found = new List<string>();
            foreach (var given in Path)
            {
                try
                {
                    found.AddRange(SessionState.Path.GetResolvedProviderPathFromPSPath(given, out _));
                }
                catch (ItemNotFoundException missing)
                {
                    WriteError(new ErrorRecord(missing, "ActitoImportFileNotFound", ErrorCategory.ObjectNotFound, given));
                }
            }
            return found;
        }
    }
}
