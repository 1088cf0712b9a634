using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.CustomTables;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
using ActitoPS.Core.Profiles;
using ActitoPS.Core.Records;

namespace ActitoPS.Core.MassImports
{
    /// <summary>
    /// Start-ActitoEtl, one-shot: pipeline rows streamed into a spool file (or delivered files read through), checked
    /// against the table's structure before anything is sent, then uploaded one execution a part. A spool file stays
    /// until Actito has accepted it; every failure names where it is.
    /// </summary>
    public sealed class StartEtlOperation : IDisposable
    {
        private const int WritingActivity = 1;

        private readonly ActitoConnection _connection;
        private readonly IActitoHost _host;
        private readonly Func<object, object?>? _unwrap;
        private readonly CancellationToken _cancellation;
        private readonly MassImportApi _api;
        private WaitEtlOperation? _waiting;
        private EtlTarget? _target;
        private EtlCheck? _check;
        private EtlFileWriter? _writer;
        private ProgressReporter? _progress;
        private int _row;
        private int _files;
        private bool _uploading;

        public StartEtlOperation(ActitoConnection connection, IActitoHost host, Func<object, object?>? unwrap, CancellationToken cancellationToken)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _host = host;
            _unwrap = unwrap;
            _cancellation = cancellationToken;
            _api = new MassImportApi(connection);
        }

        /// <summary>The profile table (-Table); or <see cref="CustomTable"/>.</summary>
        public string? Table { get; set; }

        public string? CustomTable { get; set; }

        public EtlMode Mode { get; set; } = EtlMode.CreateOrUpdate;

        /// <summary>Column → field, for the columns whose name is not their field's.</summary>
        public IReadOnlyDictionary<string, string>? Mapping { get; set; }

        public IReadOnlyList<string> ReportRecipients { get; set; } = Array.Empty<string>();

        public bool ResultFile { get; set; }

        public char Separator { get; set; } = ',';

        public EtlCompression Compression { get; set; } = EtlCompression.Gzip;

        /// <summary>Write the file that would be sent there, and send nothing.</summary>
        public string? OutFile { get; set; }

        public IReadOnlyList<string>? Property { get; set; }

        public IReadOnlyList<string>? ExcludeProperty { get; set; }

        /// <summary>Wait for each execution to finish and return it finished.</summary>
        public bool Wait { get; set; }

        public TimeSpan? Timeout { get; set; }

        /// <summary>Where pipeline rows are spooled; null: the temp folder's ActitoPS/spool.</summary>
        public string? SpoolDirectory { get; set; }

        /// <summary>Compressed bytes a part may reach before the next rows start another (Actito's limit less a margin).</summary>
        public long MaxPartBytes { get; set; } = new EtlFileOptions().MaxPartBytes;

        /// <summary>One pipeline object: a row of the file being written.</summary>
        public void Process(object? input)
        {
            var target = Target();
            if (_writer == null)
            {
                _check = new EtlCheck(target, Mode, Mapping);
                _writer = new EtlFileWriter(new EtlFileOptions
                {
                    Separator = Separator,
                    Compression = Compression,
                    SpoolDirectory = SpoolDirectory ?? new EtlFileOptions().SpoolDirectory,
                    BaseName = SafeName(target.Name),
                    MaxPartBytes = MaxPartBytes,
                });
                _progress = new ProgressReporter(_host, _connection.Clock, WritingActivity, $"Start-ActitoEtl: writing the import file for {target.Name}", "rows");
            }
            var row = ++_row;
            List<KeyValuePair<string, string>> cells;
            try
            {
                var record = RecordConverter.ToRecord(input, _unwrap);
                if (Property != null || ExcludeProperty != null) record = ColumnFilter.Choose(record, Property, ExcludeProperty);
                if (record.Count == 0)
                {
                    _check!.Report(string.Empty, row, "the row has no property to load.");
                    return;
                }
                cells = EtlFileWriter.Cells(record, row);
            }
            catch (ActitoRecordException bad)
            {
                _check!.Report(bad.Field ?? string.Empty, row, bad.Problem);
                return;
            }
            catch (ArgumentException bad)
            {
                _check!.Report(string.Empty, row, bad.Message);
                return;
            }
            _check!.CheckRow(cells, row);
            // Once a problem is found nothing will be sent: the remaining rows are only checked, so that every problem is named.
            if (!_check.HasFoundProblems) _writer.Add(cells);
            if (_progress != null && (row & 0xFF) == 0) _progress.Report(row);
        }

        /// <summary>A delivered file (-Path): read through and checked, packed when plain, sent as one execution.</summary>
        /// <remarks>A file with problems is that file's error; the next file is still sent.</remarks>
        public void ProcessFile(string path)
        {
            _files++;
            var target = Target();
            var check = new EtlCheck(target, Mode, Mapping, "line");
            var reading = EtlInputFile.Check(path, Separator, check, null, _cancellation);
            if (check.Problems.Count > 0)
            {
                var refused = ErrorMapping.ForCommand(new ActitoImportCheckException(path, Describe(target), check.Problems));
                _host.WriteError(new ActitoError(refused.Exception, refused.ErrorId, refused.Category, path) { RecommendedAction = refused.RecommendedAction });
                return;
            }
            var mapping = check.Mapping(reading.Header);
            if (OutFile != null)
            {
                if (!_host.ShouldProcess(OutFile, "Write the import file")) return;
                if (reading.Compressed) File.Copy(path, OutFile, overwrite: true);
                else MoveOver(EtlInputFile.Pack(path, Compression, Path.GetDirectoryName(Path.GetFullPath(OutFile)) ?? ".", SafeName(target.Name)), OutFile);
                _host.WriteObject(new EtlFile(OutFile, 1, reading.Header, reading.Rows, new FileInfo(OutFile).Length));
                return;
            }
            var sent = reading.Compressed ? path : EtlInputFile.Pack(path, Compression, Spool, SafeName(target.Name));
            try
            {
                Send(target, mapping, new[] { new EtlFile(sent, 1, reading.Header, reading.Rows, new FileInfo(sent).Length) }, owned: !reading.Compressed, shownAs: path);
            }
            catch (ActitoApiException failure) when (!(failure.InnerException is OperationCanceledException))
            {
                // One file refused is that file's error; the quota (its own exception) and a stop end the command.
                _host.WriteError(new ActitoError(failure, ErrorMapping.ErrorIdOf(failure), ErrorMapping.CategoryOf(failure), path) { Details = failure.ResponseBody });
            }
        }

        /// <summary>Ends the input: checks the rows as a whole, then writes (-OutFile) or sends the file, and waits when asked.</summary>
        public void Complete()
        {
            if (_writer != null)
            {
                _progress?.Complete();
                var target = Target();
                var problems = _check!.Problems;
                if (problems.Count > 0)
                {
                    _writer.DeleteSpool();
                    throw new ActitoImportCheckException(_row == 1 ? "the row" : $"the {_row.ToString(CultureInfo.InvariantCulture)} rows", Describe(target), problems);
                }
                var parts = _writer.Complete();
                var mapping = _check.Mapping(parts[0].Header);
                if (OutFile != null) WriteOut(parts);
                else Send(target, mapping, parts, owned: true, shownAs: null);
            }
            else if (_files == 0)
            {
                throw new ArgumentException("Nothing to import: no row came down the pipeline, and no -Path was given.");
            }
            _waiting?.Complete();
        }

        public void Dispose()
        {
            // A file that was being written when the command stopped is of no use; one that was being sent may have arrived, and stays.
            if (_writer != null && !_uploading) _writer.DeleteSpool();
            else _writer?.Dispose();
        }

        private string Spool => SpoolDirectory ?? new EtlFileOptions().SpoolDirectory;

        private void Send(EtlTarget target, IReadOnlyList<KeyValuePair<string, string>> mapping, IReadOnlyList<EtlFile> parts, bool owned, string? shownAs)
        {
            var definition = new OneShotEtlDefinition(target.Type, target.Id, mapping)
            {
                Mode = Mode,
                Separator = Separator,
                GenerateErrorFiles = true,
                GenerateResultFiles = ResultFile,
                ReportRecipients = ReportRecipients,
            };
            if (parts.Count > 1)
                _host.WriteWarning($"The rows make {parts.Count.ToString(CultureInfo.InvariantCulture)} files of up to 100 MB compressed, Actito's limit for one: each is an execution of its own and uses one of {Describe(target)}'s daily imports.");

            long firstRow = 1;
            for (var k = 0; k < parts.Count; k++)
            {
                var part = parts[k];
                var partText = parts.Count > 1 ? $", part {(k + 1).ToString(CultureInfo.InvariantCulture)} of {parts.Count.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
                var what = $"{part.Rows.ToString(CultureInfo.InvariantCulture)} row{(part.Rows == 1 ? string.Empty : "s")} ({Size(part.Bytes)}{partText}) into {Describe(target)}";
                if (!_host.ShouldProcess(what, $"Start a one-shot import ({OneShotEtlDefinition.WireName(Mode)}), which uses one of the table's daily imports"))
                {
                    if (owned) File.Delete(part.Path);
                    firstRow += part.Rows;
                    continue;
                }
                _uploading = true;
                _host.WriteVerbose($"Sending {part.Path} ({Size(part.Bytes)}, {part.Rows.ToString(CultureInfo.InvariantCulture)} rows) to {Describe(target)}, mode {OneShotEtlDefinition.WireName(Mode)}.");
                long id;
                try
                {
                    id = Task.Run(() => _api.StartOneShotAsync(definition, part.Path, _cancellation), _cancellation).GetAwaiter().GetResult();
                }
                catch (ActitoImportQuotaException quota)
                {
                    throw new ActitoImportQuotaException((ActitoApiException)quota.InnerException!, parts.Skip(k).Select(p => p.Path).ToList());
                }
                catch (ActitoApiException failure)
                {
                    var kept = parts.Skip(k).Select(p => p.Path).ToList();
                    var where = kept.Count == 1 ? $"The file is kept at {kept[0]}" : $"The files not sent are kept at {string.Join(", ", kept)}";
                    var next = failure.MayHaveBeenApplied
                        ? $"{where}. Actito may have accepted it: look for the execution (Get-ActitoEtlExecution, or Actito's console) before sending it again with Start-ActitoEtl -Path."
                        : $"{where}: send it again with Start-ActitoEtl -Path.";
                    throw failure.Restated(failure.Message + " " + next);
                }
                if (owned) File.Delete(part.Path);
                var execution = new EtlExecution(id, "IN_PROGRESS", OneShotEtlDefinition.WireName(Mode), _connection.Clock.UtcNow, null, null, null, null)
                {
                    Entity = _connection.Entity,
                    Table = target.Name,
                    TableType = target.Type == EtlDestinationType.CustomTable ? "CUSTOM_TABLE" : "PROFILE_TABLE",
                    Rows = part.Rows,
                    BytesSent = part.Bytes,
                    File = shownAs ?? part.Path,
                    Part = k + 1,
                    Parts = parts.Count,
                    FirstRow = firstRow,
                };
                firstRow += part.Rows;
                _host.WriteVerbose($"Actito accepted execution {id.ToString(CultureInfo.InvariantCulture)}.");
                if (Wait) (_waiting ?? (_waiting = new WaitEtlOperation(_connection, _host, _cancellation) { Timeout = Timeout })).Add(execution);
                else _host.WriteObject(execution);
            }
        }

        private void WriteOut(IReadOnlyList<EtlFile> parts)
        {
            var outFile = Path.GetFullPath(OutFile!);
            for (var k = 0; k < parts.Count; k++)
            {
                var part = parts[k];
                var path = k == 0 ? outFile : PartPath(outFile, k + 1);
                if (!_host.ShouldProcess(path, "Write the import file"))
                {
                    File.Delete(part.Path);
                    continue;
                }
                MoveOver(part.Path, path);
                _host.WriteObject(new EtlFile(path, part.Part, part.Header, part.Rows, part.Bytes));
            }
        }

        private static void MoveOver(string from, string to)
        {
            if (File.Exists(to)) File.Delete(to);
            File.Move(from, to);
        }

        /// <summary>out.csv.gz → out-part2.csv.gz.</summary>
        internal static string PartPath(string path, int part)
        {
            var name = Path.GetFileName(path);
            var dot = name.IndexOf('.', 1);
            var stem = dot > 0 ? name.Substring(0, dot) : name;
            var extension = dot > 0 ? name.Substring(dot) : string.Empty;
            return Path.Combine(Path.GetDirectoryName(path) ?? ".", $"{stem}-part{part.ToString(CultureInfo.InvariantCulture)}{extension}");
        }

        private EtlTarget Target()
        {
            if (_target != null) return _target;
            if (!string.IsNullOrWhiteSpace(CustomTable))
            {
                var table = new CustomTableResolver(_connection, _host).Find(CustomTable!, _cancellation);
                _target = table == null ? EtlTarget.Unchecked(EtlDestinationType.CustomTable, CustomTable!.Trim()) : EtlTarget.For(table);
            }
            else if (!string.IsNullOrWhiteSpace(Table))
            {
                var table = new ProfileTableResolver(_connection, _host).Find(Table!, _cancellation);
                _target = table == null ? EtlTarget.Unchecked(EtlDestinationType.ProfileTable, Table!.Trim()) : EtlTarget.For(table);
            }
            else
            {
                throw new ArgumentException("Give the table to load: -Table for a profile table, -CustomTable for a custom table.");
            }
            return _target;
        }

        private static string Describe(EtlTarget target) => $"{(target.Type == EtlDestinationType.CustomTable ? "custom table" : "profile table")} '{target.Name}'";

        private static string SafeName(string name)
        {
            var safe = new string(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || char.IsWhiteSpace(c) ? '_' : c).ToArray());
            return safe.Length == 0 ? "actito-import" : safe;
        }

        internal static string Size(long bytes) =>
            bytes >= 1024 * 1024 ? (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
            : bytes >= 1024 ? (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB"
            : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
    }
}
