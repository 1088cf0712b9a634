using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;

namespace ActitoPS.Core.CustomTables
{
    /// <summary>The custom-table operations' tables (see <see cref="TableResolver{T}"/>), by technical name or id.</summary>
    internal sealed class CustomTableResolver
    {
        private readonly TableResolver<CustomTable> _tables;

        public CustomTableResolver(ActitoConnection connection, IActitoHost host) =>
            _tables = new TableResolver<CustomTable>(connection, host, ct => connection.CustomTables.GetAsync(false, ct), t => t.TechnicalName, t => t.Id, "custom table",
                "rows are sent unchecked, and Actito's answer is each row's only check.", connection.CustomTables.CompleteAsync);

        /// <inheritdoc cref="TableResolver{T}.Find"/>
        public CustomTable? Find(string name, CancellationToken cancellationToken) => _tables.Find(name, cancellationToken);

        /// <summary>How a call names the table: its technical name when known, else as given.</summary>
        public static string NameOf(string given, CustomTable? table) => table?.TechnicalName ?? given.Trim();
    }
}
