using System;
using System.Management.Automation;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Hosting
{
    /// <summary>
    /// What every ActitoPS cmdlet shares: Ctrl+C cancels Core's token, Core's failures become
    /// error records, and Core talks to PowerShell through <see cref="CmdletHost"/>.
    /// </summary>
    public abstract class ActitoCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private CmdletHost? _host;

        protected CancellationToken CancelToken => _stopping.Token;

        protected IActitoHost ActitoHost => _host ?? (_host = new CmdletHost(this, () => SkipConfirmation));

        /// <summary>True when -Force was given: rows are changed without a confirmation prompt.</summary>
        protected virtual bool SkipConfirmation => false;

        /// <summary>Rows in flight at once (-ThrottleLimit); null: the connection's limit.</summary>
        protected static int? Throttle(int throttleLimit) => throttleLimit > 0 ? throttleLimit : (int?)null;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>PowerShell disposes a cmdlet when its pipeline ends, however it ends.</summary>
        public void Dispose() => ReleaseResources();

        protected virtual void ReleaseResources() { }

        /// <summary>Runs one call into Core; a failure of the whole command becomes a terminating error.</summary>
        protected void Run(Action work)
        {
            try
            {
                work();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            // PowerShell's own exceptions (-ErrorAction Stop turning a row's error into ActionPreferenceStopException,
            // a stopped pipeline) are all RuntimeExceptions and must reach PowerShell unchanged.
            catch (Exception failure) when (!(failure is RuntimeException))
            {
                ThrowTerminatingError(CmdletHost.ToErrorRecord(ErrorMapping.ForCommand(failure)));
            }
        }

        /// <summary>
        /// Whether an error this command writes ends it (-ErrorAction or $ErrorActionPreference Stop, or
        /// Inquire, which may): row operations then send rows one after another.
        /// </summary>
        protected bool ErrorsEndTheCommand()
        {
            var preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) ? bound : GetVariableValue("ErrorActionPreference");
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            var parsed = preference is ActionPreference value ? value
                : Enum.TryParse(preference?.ToString(), true, out ActionPreference text) ? text : ActionPreference.Continue;
            return parsed == ActionPreference.Stop || parsed == ActionPreference.Inquire;
        }

        /// <summary>The connection a command uses: the one given, else the session's.</summary>
        protected static ActitoConnection ConnectionOrCurrent(ActitoConnection? given) => ActitoSession.Resolve(given);
    }
}
