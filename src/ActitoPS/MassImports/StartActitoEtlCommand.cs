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

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ProfileInput)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = CustomInput)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ProfilePath)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = CustomPath)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter]
        public EtlMode Mode { get; set; } = EtlMode.CreateOrUpdate;

        [Parameter]
        [ValidateNotNull]
        public Hashtable? Mapping { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ReportRecipient { get; set; }

        [Parameter]
        public SwitchParameter ResultFile { get; set; }

        [Parameter]
        public char Separator { get; set; } = ',';

        [Parameter]
        [ValidateSet("Gzip", "Zip")]
        public string Compression { get; set; } = "Gzip";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = CustomInput)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Property { get; set; }

        [Parameter(ParameterSetName = ProfileInput)]
        [Parameter(ParameterSetName = CustomInput)]
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
            _operation = new StartEtlOperation(ConnectionOrCurrent(Connection), ActitoHost, PowerShellValues.Unwrap, CancelToken)
            {
                Table = ParameterSetName.StartsWith("Profile", StringComparison.Ordinal) ? Table : null,
                CustomTable = ParameterSetName.StartsWith("Custom", StringComparison.Ordinal) ? CustomTable : null,
                Mode = Mode,
                Mapping = Mapping == null ? null : PowerShellValues.ToDictionary(Mapping)!
                    .ToDictionary(m => m.Key, m => Convert.ToString(m.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.OrdinalIgnoreCase),
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
            if (!ParameterSetName.EndsWith("Path", StringComparison.Ordinal))
            {
                _operation!.Process(InputObject);
                return;
            }
            foreach (var file in ResolvePaths()) _operation!.ProcessFile(file);
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
