using System;
using System.Management.Automation;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Hosting
{
    /// <summary>Core's view of a running cmdlet. Core calls it only on the pipeline thread.</summary>
    internal sealed class CmdletHost : IActitoHost
    {
        private readonly PSCmdlet _cmdlet;
        private readonly Func<bool> _force;

        /// <param name="force">-Force: confirmation is skipped, but -WhatIf and an explicit -Confirm still hold.</param>
        public CmdletHost(PSCmdlet cmdlet, Func<bool> force)
        {
            _cmdlet = cmdlet;
            _force = force;
        }

        public void WriteObject(object output)
        {
            // A file Core wrote is shown as PowerShell shows files: through the FileSystem provider, with its views and PSPath.
            if (output is System.IO.FileInfo file)
            {
                foreach (var item in _cmdlet.InvokeProvider.Item.Get(WildcardPattern.Escape(file.FullName))) _cmdlet.WriteObject(item);
                return;
            }
            _cmdlet.WriteObject(PowerShellValues.ToOutput(output));
        }

        public void WriteError(ActitoError error) => _cmdlet.WriteError(ToErrorRecord(error));

        public void WriteWarning(string message) => _cmdlet.WriteWarning(message);

        public void WriteVerbose(string message) => _cmdlet.WriteVerbose(message);

        public bool ShouldProcess(string target, string action)
        {
            if (_force() && !Requested("WhatIf", "WhatIfPreference") && !_cmdlet.MyInvocation.BoundParameters.ContainsKey("Confirm")) return true;
            return _cmdlet.ShouldProcess(target, action);
        }

        private bool Requested(string parameter, string preference) =>
            _cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out var bound)
                ? LanguagePrimitives.IsTrue(bound)
                : LanguagePrimitives.IsTrue(_cmdlet.GetVariableValue(preference));

        public void WriteProgress(ActitoProgress progress) =>
            _cmdlet.WriteProgress(new ProgressRecord(progress.ActivityId, progress.Activity, progress.StatusDescription)
            {
                PercentComplete = progress.PercentComplete,
                SecondsRemaining = progress.SecondsRemaining,
                CurrentOperation = progress.CurrentOperation,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });

        /// <summary>ActitoErrorCategory's names are PowerShell's ErrorCategory names (a module test guards that).</summary>
        internal static ErrorRecord ToErrorRecord(ActitoError error)
        {
            var category = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), error.Category.ToString());
            var record = new ErrorRecord(error.Exception, error.ErrorId, category, error.TargetObject);
            if (error.Details != null || error.RecommendedAction != null)
            {
                var message = error.Details == null ? error.Exception.Message : error.Exception.Message + Environment.NewLine + "Actito's response: " + error.Details;
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = error.RecommendedAction };
            }
            return record;
        }
    }
}
