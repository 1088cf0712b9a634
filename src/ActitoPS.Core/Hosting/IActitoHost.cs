namespace ActitoPS.Core.Hosting
{
    /// <summary>
    /// What a cmdlet offers the engine. Core calls it only from the thread that called into Core
    /// (the pipeline thread); work done on other threads is queued and written from there.
    /// </summary>
    public interface IActitoHost
    {
        void WriteObject(object output);

        void WriteError(ActitoError error);

        void WriteWarning(string message);

        void WriteVerbose(string message);

        void WriteProgress(ActitoProgress progress);

        /// <summary>-WhatIf / -Confirm: false means skip this item.</summary>
        bool ShouldProcess(string target, string action);
    }
}
