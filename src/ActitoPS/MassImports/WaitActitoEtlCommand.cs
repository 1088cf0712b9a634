using System;
using System.Management.Automation;
using ActitoPS.Core.MassImports;

namespace ActitoPS.MassImports
{
    [Cmdlet(VerbsLifecycle.Wait, "ActitoEtl", DefaultParameterSetName = ByExecution)]
    [OutputType(typeof(EtlExecution))]
    public sealed class WaitActitoEtlCommand : EtlExecutionCommand
    {
        private WaitEtlOperation? _operation;

        /// <summary>Seconds to wait in all, as Wait-Job takes it; none: until every execution is done.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        protected override void BeginProcessing() => Run(() =>
            _operation = new WaitEtlOperation(ConnectionOrCurrent(Connection), ActitoHost, CancelToken)
            {
                Timeout = Timeout > 0 ? TimeSpan.FromSeconds(Timeout) : (TimeSpan?)null,
            });

        protected override void ProcessRecord() => Run(() =>
        {
            foreach (var (id, known) in Executions())
            {
                if (known != null) _operation!.Add(known);
                else _operation!.Add(id);
            }
        });

        protected override void EndProcessing() => Run(() => _operation!.Complete());
    }
}
