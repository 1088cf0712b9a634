using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// What an execution leaves behind, one execution at a time: its state (Get-ActitoEtlExecution), its output files
    /// saved to a folder (Save-ActitoEtlOutput), its error file's lines as objects (Get-ActitoEtlError). An execution
    /// that cannot be read is that execution's error; the others go on.
    /// </summary>
    public sealed class EtlExecutionQuery
    {
        private readonly ActitoConnection _connection;
        private readonly IActitoHost _host;
        private readonly CancellationToken _cancellation;
        private readonly MassImportApi _api;
        private readonly ItemCalls _calls;

        public EtlExecutionQuery(ActitoConnection connection, IActitoHost host, CancellationToken cancellationToken)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _host = host;
            _cancellation = cancellationToken;
            _api = new MassImportApi(connection);
            _calls = new ItemCalls(host, cancellationToken);
        }

        /// <param name="known">The execution as this session knew it (what was sent), or null for an id alone.</param>
        public void Get(long id, EtlExecution? known) =>
            Guarded(id, known, () => _host.WriteObject(Call(ct => _api.GetAsync(id, ct)).Carrying(known)));

        /// <param name="kinds">ERROR, RESULT; null or empty: both.</param>
        /// <param name="force">Replace a file of the same name in the folder.</param>
        public void Save(long id, EtlExecution? known, string folder, IReadOnlyList<string>? kinds, bool force) => Guarded(id, known, () =>
        {
            var files = Call(ct => _api.GetOutputFilesAsync(id, ct))
                .Where(f => kinds == null || kinds.Count == 0 || kinds.Contains(f.Kind, StringComparer.OrdinalIgnoreCase)).ToList();
            if (files.Count == 0)
            {
                _host.WriteVerbose($"Execution {Text(id)} has no {(kinds == null || kinds.Count != 1 ? "output" : kinds[0].ToLowerInvariant())} file (none while it runs, none when it failed, none when no line needed one).");
                return;
            }
            Directory.CreateDirectory(folder);
            foreach (var file in files)
            {
                var destination = Path.Combine(folder, Path.GetFileName(file.Name));
                if (File.Exists(destination) && !force)
                {
                    _host.WriteError(new ActitoError(new IOException($"{destination} exists already: give -Force to replace it."), "ActitoOutputFileExists", ActitoErrorCategory.ResourceExists, file));
                    continue;
                }
                if (!_host.ShouldProcess(destination, $"Save the {file.Kind.ToLowerInvariant()} file of execution {Text(id)}")) continue;
                _calls.Call(ct => _api.DownloadAsync(file, destination, ct));
                _host.WriteObject(new FileInfo(destination));
            }
        });

        /// <summary>Every error file's lines (a multi-file execution has one a file), as objects that name their input row.</summary>
        public void Errors(long id, EtlExecution? known) => Guarded(id, known, () =>
        {
            var files = Call(ct => _api.GetOutputFilesAsync(id, ct)).Where(f => f.IsErrorFile).ToList();
            if (files.Count == 0)
            {
                var execution = Call(ct => _api.GetAsync(id, ct));
                if (execution.Results != null && execution.Results.InError > 0)
                    _host.WriteWarning($"Execution {Text(id)} has {execution.Results.InError.ToString(CultureInfo.InvariantCulture)} lines in error but no error file: it was started without error files.");
                else
                    _host.WriteVerbose($"Execution {Text(id)} is {execution.Status} with no line in error.");
                return;
            }
            foreach (var file in files)
            {
                var temporary = Path.Combine(Path.GetTempPath(), "ActitoPS", $"errors-{Text(id)}-{Guid.NewGuid():N}.csv");
                Directory.CreateDirectory(Path.GetDirectoryName(temporary)!);
                try
                {
                    _calls.Call(ct => _api.DownloadAsync(file, temporary, ct));
                    // A later part's lines start further on in the input; a multi-file execution's rows count within each file.
                    foreach (var row in EtlErrorRow.Read(temporary, id, files.Count == 1 ? known?.FirstRow ?? 1 : 1, file.Name))
                    {
                        _cancellation.ThrowIfCancellationRequested();
                        _host.WriteObject(row);
                    }
                }
                finally
                {
                    if (File.Exists(temporary)) File.Delete(temporary);
                }
            }
        });

        private void Guarded(long id, EtlExecution? known, Action work) =>
            _calls.ForItem((object?)known ?? id, failure => $"Entity '{_connection.Entity}' has no execution {Text(id)} (or its file is gone): {failure.Message}", work);

        private T Call<T>(Func<CancellationToken, Task<T>> call) => _calls.Call(call);

        private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
    }
}
