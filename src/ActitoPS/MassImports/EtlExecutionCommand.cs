using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ActitoPS.Core.Connection;
using ActitoPS.Core.MassImports;
using ActitoPS.Hosting;

namespace ActitoPS.MassImports
{
    /// <summary>
    /// The cmdlets that take executions: by id (-Id, or any object with an Id or ExecutionId property), or the
    /// execution objects Start-ActitoEtl wrote, which also know what was sent (the rows, the part of the input).
    /// </summary>
    public abstract class EtlExecutionCommand : ActitoCmdlet
    {
        protected const string ById = "Id";
        protected const string ByExecution = "Execution";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ExecutionId")]
        [ValidateRange(1, long.MaxValue)]
        public long[] Id { get; set; } = Array.Empty<long>();

        [Parameter(Mandatory = true, ParameterSetName = ByExecution, ValueFromPipeline = true)]
        [ValidateNotNull]
        public EtlExecution? Execution { get; set; }

        [Parameter]
        public ActitoConnection? Connection { get; set; }

        /// <summary>The executions of this pipeline object (or of the command line), with what this session knew of each.</summary>
        protected IEnumerable<(long Id, EtlExecution? Known)> Executions() =>
            ParameterSetName == ByExecution ? new[] { (Execution!.Id, (EtlExecution?)Execution) } : Id.Select(id => (id, (EtlExecution?)null));
    }
}
