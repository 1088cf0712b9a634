using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
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
        private readonly ItemCalls _calls;
        private WaitEtlOperation? _waiting;
        private EtlDestination? _destination;
        private List<EtlCheck>? _checks;
        private EtlFileWriter? _writer;
        private ProgressReporter? _progress;
        private int _row;
        private int _files;
        // How the data of a failed send goes again: a delivered or spooled file with -Path; a multi-file push with its files.
        private string _resend = "Start-ActitoEtl -Path";
        private readonly Dictionary<string, long> _present = new Dictionary<string, long>(StringComparer.Ordinal);
        private bool _uploading;

        public StartEtlOperation(ActitoConnection connection, IActitoHost host, Func<object, object?>? unwrap, CancellationToken cancellationToken)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _host = host;
            _unwrap = unwrap;
            _cancellation = cancellationToken;
            _api = new MassImportApi(connection);
            _calls = new ItemCalls(host, cancellationToken);
        }

        /// <summary>The profile table (-Table); or <see cref="CustomTable"/>.</summary>
        public string? Table { get; set; }

        public string? CustomTable { get; set; }

        /// <summary>A TRIGGERED ETL to push the data to (its definition fixes the tables, mapping, mode and CSV format).</summary>
        public string? EtlId { get; set; }

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

        /// <summary>Every column's empty cells change nothing (Actito's ignoreEmptyValues) rather than clear the field.</summary>
        /// <remarks>Without it, a column that some rows lack is sent so anyway: a missing property changes nothing, as with Set-ActitoProfile.</remarks>
        public bool IgnoreEmptyValues { get; set; }

        /// <summary>The command names files (-Path): finding none of them is not "nothing to import" (each missing one was its own error).</summary>
        public bool ExpectsFiles { get; set; }

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
            // Opened once: opening a PowerShell object builds its member collections, the largest cost of a row.
            var opened = input == null ? null : RecordConverter.Unwrap(input, _unwrap);
            if (opened != null && RecordConverter.IsListOfRows(opened, null))
            {
                foreach (var item in (System.Collections.IEnumerable)opened) Process(item);
                return;
            }
            var destination = OneFileDestination();
            if (_writer == null)
            {
                var checks = _checks = destination.NewChecks("row");
                _writer = new EtlFileWriter(new EtlFileOptions
                {
                    Separator = destination.Separator,
                    Compression = Compression,
                    SpoolDirectory = Spool,
                    BaseName = destination.BaseName,
                    MaxPartBytes = MaxPartBytes,
                });
                _progress = new ProgressReporter(_host, _connection.Clock, WritingActivity, $"Start-ActitoEtl: writing the import file for {destination.Name}", "rows");
            }
            var row = ++_row;
            List<KeyValuePair<string, string>> cells;
            try
            {
                var record = RecordConverter.ToRecord(opened, _unwrap);
                if (Property != null || ExcludeProperty != null) record = ColumnFilter.Choose(record, Property, ExcludeProperty);
                if (record.Count == 0)
                {
                    _checks![0].Report(string.Empty, row, "the row has no property to load.");
                    return;
                }
                cells = EtlFileWriter.Cells(record, row);
            }
            catch (ActitoRecordException bad)
            {
                _checks![0].Report(bad.Field ?? string.Empty, row, bad.Problem);
                return;
            }
            catch (ArgumentException bad)
            {
                _checks![0].Report(string.Empty, row, bad.Message);
                return;
            }
            foreach (var cell in cells) _present[cell.Key] = _present.TryGetValue(cell.Key, out var seen) ? seen + 1 : 1;
            var found = false;
            _checks![0].Canonicalise(cells);
            foreach (var check in _checks!)
            {
                check.CheckRow(cells, row);
                found |= check.HasFoundProblems;
            }
            // Once a problem is found nothing will be sent: the remaining rows are only checked, so that every problem is named.
            if (!found) _writer.Add(cells);
            if (_progress != null && (row & 0xFF) == 0) _progress.Report(row);
        }

        /// <summary>A delivered file (-Path): read through and checked, packed when plain, sent as one execution.</summary>
        /// <remarks>A file with problems is that file's error; the next file is still sent.</remarks>
        public void ProcessFile(string path)
        {
            _files++;
            if (OutFile != null && _files > 1)
                throw new ArgumentException($"-OutFile names one file, and a second input ({path}) would overwrite it: give one -Path with -OutFile.");
            var destination = OneFileDestination();
            var checks = destination.NewChecks("line");
            EtlInputFile.Reading? reading = null;
            foreach (var check in checks) reading = EtlInputFile.Check(path, destination.Separator, check, null, _cancellation);
            var problems = checks.SelectMany(c => c.Problems).Distinct().ToList();
            if (problems.Count > 0)
            {
                WriteRefused(path, destination, problems);
                return;
            }
            if (OutFile != null)
            {
                if (!_host.ShouldProcess(OutFile, "Write the import file")) return;
                if (reading!.Compressed) File.Copy(path, OutFile, overwrite: true);
                else MoveOver(EtlInputFile.Pack(path, Compression, Path.GetDirectoryName(Path.GetFullPath(OutFile)) ?? ".", destination.BaseName), OutFile);
                _host.WriteObject(new EtlFile(OutFile, 1, reading.Header, reading.Rows, new FileInfo(OutFile).Length));
                return;
            }
            var sent = reading!.Compressed ? path : EtlInputFile.Pack(path, Compression, Spool, destination.BaseName);
            SendOne(destination, checks[0].Mapping(reading.Header), new EtlFile(sent, 1, reading.Header, reading.Rows, new FileInfo(sent).Length), owned: !reading.Compressed, shownAs: path,
                IgnoreEmptyValues ? reading.Header : Array.Empty<string>());
        }

        /// <summary>
        /// A TRIGGERED ETL's files (-File @{fileCode = path}): each checked against its loadings, then zipped together,
        /// each entry named by its fileNamePattern for today, and pushed as one execution.
        /// </summary>
        public void ProcessFiles(IReadOnlyDictionary<string, string> files)
        {
            if (EtlId == null) throw new ArgumentException("-File pushes several files to a TRIGGERED ETL: give -EtlId.");
            _files++;
            var destination = Destination();
            var definition = destination.Definition!;
            var problems = new List<string>();
            var known = definition.Files.Select(f => f.FileCode).ToList();
            foreach (var unknown in files.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)))
                problems.Add($"-File names '{unknown}', which is not a file of the ETL (its files: {string.Join(", ", known)}).");
            foreach (var missing in known.Where(k => !files.ContainsKey(k)))
                problems.Add($"the ETL's file '{missing}' is not given: Actito fails an execution whose archive lacks one of its files.");
            var entries = new List<KeyValuePair<string, string>>();
            long rows = 0;
            foreach (var file in definition.Files.Where(f => files.ContainsKey(f.FileCode)))
            {
                var path = files[file.FileCode];
                long fileRows = 0;
                foreach (var loading in definition.Loadings.Where(l => l.FileCode == file.FileCode))
                {
                    var check = destination.CheckFor(loading, "line");
                    fileRows = EtlInputFile.Check(path, file.Separator, check, null, _cancellation).Rows;
                    problems.AddRange(check.Problems.Select(p => $"{file.FileCode} ({path}): {p}"));
                }
                rows += fileRows;
                entries.Add(new KeyValuePair<string, string>(EntryName(file, path), path));
            }
            if (problems.Count > 0)
            {
                WriteRefused(string.Join(", ", files.Values), destination, problems);
                return;
            }
            _resend = $"Start-ActitoEtl -EtlId {EtlId} -File and the same files ({string.Join(", ", files.Select(f => f.Key + "=" + f.Value))})";
            var archive = EtlArchive.Zip(entries, OutFile != null ? Path.GetDirectoryName(Path.GetFullPath(OutFile)) ?? "." : Spool, destination.BaseName);
            if (OutFile != null)
            {
                if (!_host.ShouldProcess(OutFile, "Write the import file")) return;
                MoveOver(archive, OutFile);
                _host.WriteObject(new EtlFile(OutFile, 1, entries.Select(e => e.Key).ToList(), rows, new FileInfo(OutFile).Length));
                return;
            }
            SendOne(destination, Array.Empty<KeyValuePair<string, string>>(), new EtlFile(archive, 1, entries.Select(e => e.Key).ToList(), rows, new FileInfo(archive).Length), owned: true, shownAs: null,
                Array.Empty<string>());
        }

        private string EntryName(EtlDefinitionFile file, string path)
        {
            if (!string.IsNullOrWhiteSpace(file.FileNamePattern)) return EtlFileNamePattern.Render(file.FileNamePattern!, _connection.Clock.UtcNow);
            var name = Path.GetFileName(path);
            return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 3) : name;
        }

        private void SendOne(EtlDestination destination, IReadOnlyList<KeyValuePair<string, string>> mapping, EtlFile file, bool owned, string? shownAs, IReadOnlyList<string> ignoreEmpty)
        {
            try
            {
                Send(destination, mapping, new[] { file }, owned, shownAs, ignoreEmpty);
            }
            catch (ActitoApiException failure) when (!(failure.InnerException is OperationCanceledException))
            {
                // One file refused is that file's error; the quota (its own exception) and a stop end the command.
                _host.WriteError(new ActitoError(failure, ErrorMapping.ErrorIdOf(failure), ErrorMapping.CategoryOf(failure), shownAs ?? file.Path) { Details = failure.ResponseBody });
            }
        }

        private void WriteRefused(string input, EtlDestination destination, IReadOnlyList<string> problems)
        {
            var refused = ErrorMapping.ForCommand(new ActitoImportCheckException(input, destination.Describe, problems));
            _host.WriteError(new ActitoError(refused.Exception, refused.ErrorId, refused.Category, input)
            {
                RecommendedAction = destination.EtlId != null ? "Fix the files as named (their columns are the ETL definition's headers) and push them again." : refused.RecommendedAction,
            });
        }

        /// <summary>Ends the input: checks the rows as a whole, then writes (-OutFile) or sends the file, and waits when asked.</summary>
        public void Complete()
        {
            if (_writer != null)
            {
                _progress?.Complete();
                var destination = Destination();
                var problems = _checks!.SelectMany(c => c.Problems).Distinct().ToList();
                if (problems.Count > 0)
                {
                    _writer.DeleteSpool();
                    throw new ActitoImportCheckException(_row == 1 ? "the row" : $"the {_row.ToString(CultureInfo.InvariantCulture)} rows", destination.Describe, problems);
                }
                var parts = _writer.Complete();
                var mapping = _checks![0].Mapping(parts[0].Header);
                // A column some rows lack is empty in theirs: left as it is in Actito, as a missing property is by Set-ActitoProfile.
                var ignoreEmpty = IgnoreEmptyValues ? parts[0].Header : parts[0].Header.Where(c => _present.TryGetValue(c, out var n) && n < _row).ToList();
                if (destination.EtlId != null && ignoreEmpty.Count > 0)
                    _host.WriteWarning($"Some rows lack {string.Join(", ", ignoreEmpty)}: the ETL's definition decides what their empty cells do, and they clear the field unless its mapping sets ignoreEmptyValues.");
                else if (!IgnoreEmptyValues && ignoreEmpty.Count > 0)
                    _host.WriteVerbose($"Some rows lack {string.Join(", ", ignoreEmpty)}: their empty cells there leave the field as it is (ignoreEmptyValues).");
                if (OutFile != null) WriteOut(parts);
                else Send(destination, mapping, parts, owned: true, shownAs: null, ignoreEmpty);
            }
            else if (_files == 0 && !ExpectsFiles)
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

        private void Send(EtlDestination destination, IReadOnlyList<KeyValuePair<string, string>> mapping, IReadOnlyList<EtlFile> parts, bool owned, string? shownAs,
            IReadOnlyList<string> ignoreEmpty)
        {
            var target = destination.Target;
            var definition = destination.EtlId != null ? null : new OneShotEtlDefinition(target.Type, target.Id, mapping)
            {
                Mode = Mode,
                Separator = Separator,
                GenerateErrorFiles = true,
                GenerateResultFiles = ResultFile,
                ReportRecipients = ReportRecipients,
                IgnoreEmptyValues = new HashSet<string>(ignoreEmpty, StringComparer.Ordinal),
            };
            if (parts.Count > 1)
                _host.WriteWarning($"The rows make {parts.Count.ToString(CultureInfo.InvariantCulture)} files of up to 100 MB compressed, Actito's limit for one: each is an execution of its own and uses one of {destination.Describe}'s daily imports.");

            long firstRow = 1;
            for (var k = 0; k < parts.Count; k++)
            {
                var part = parts[k];
                var partText = parts.Count > 1 ? $", part {(k + 1).ToString(CultureInfo.InvariantCulture)} of {parts.Count.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
                var what = $"{part.Rows.ToString(CultureInfo.InvariantCulture)} row{(part.Rows == 1 ? string.Empty : "s")} ({Size(part.Bytes)}{partText}) into {destination.Describe}";
                if (!_host.ShouldProcess(what, destination.EtlId != null
                        ? "Trigger an execution, which uses one of each loaded table's daily imports"
                        : $"Start a one-shot import ({OneShotEtlDefinition.WireName(Mode)}), which uses one of the table's daily imports"))
                {
                    if (owned) File.Delete(part.Path);
                    firstRow += part.Rows;
                    continue;
                }
                _uploading = true;
                _host.WriteVerbose($"Sending {part.Path} ({Size(part.Bytes)}, {part.Rows.ToString(CultureInfo.InvariantCulture)} rows) to {destination.Describe}, mode {destination.ModeText}.");
                long id;
                try
                {
                    id = definition != null
                        ? _calls.Call(ct => _api.StartOneShotAsync(definition, part.Path, ct))
                        : _calls.Call(ct => _api.TriggerAsync(destination.EtlId!, part.Path, ct));
                }
                catch (ActitoImportQuotaException quota)
                {
                    ReleaseAccepted();
                    throw new ActitoImportQuotaException((ActitoApiException)quota.InnerException!, parts.Skip(k).Select(p => p.Path).ToList(), _resend);
                }
                catch (ActitoApiException failure)
                {
                    ReleaseAccepted();
                    var kept = parts.Skip(k).Select(p => p.Path).ToList();
                    var where = kept.Count == 1 ? $"The file is kept at {kept[0]}" : $"The files not sent are kept at {string.Join(", ", kept)}";
                    var next = failure.MayHaveBeenApplied
                        ? $"{where}. Actito may have accepted it: look for the execution (Get-ActitoEtlExecution, or Actito's console) before sending it again with {_resend}."
                        : $"{where}: send it again with {_resend}.";
                    throw failure.Restated(failure.Message + " " + next);
                }
                if (owned) File.Delete(part.Path);
                var execution = new EtlExecution(id, "IN_PROGRESS", destination.ModeText, _connection.Clock.UtcNow, null, null, null, null)
                {
                    Entity = _connection.Entity,
                    Table = destination.Name,
                    TableType = destination.TableType,
                    EtlId = destination.EtlId,
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

        /// <summary>
        /// Executions Actito accepted before a later part failed are written as they are, not waited for: their ids
        /// must reach the caller, whatever ends the command.
        /// </summary>
        private void ReleaseAccepted()
        {
            if (_waiting == null) return;
            var accepted = _waiting.Pending;
            _waiting = null;
            if (accepted.Count == 0) return;
            _host.WriteWarning($"Actito accepted {accepted.Count.ToString(CultureInfo.InvariantCulture)} execution(s) before the failure: {string.Join(", ", accepted.Select(e => e.Id.ToString(CultureInfo.InvariantCulture)))}. They run; Wait-ActitoEtl -Id waits for them.");
            foreach (var execution in accepted) _host.WriteObject(execution);
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

        private EtlDestination OneFileDestination()
        {
            var destination = Destination();
            if (destination.FileCodes.Count > 1)
                throw new ArgumentException($"{destination.Describe} takes {destination.FileCodes.Count.ToString(CultureInfo.InvariantCulture)} files ({string.Join(", ", destination.FileCodes)}): give each with -File @{{{destination.FileCodes[0]}='…'}}.");
            return destination;
        }

        private EtlDestination Destination()
        {
            if (_destination != null) return _destination;
            if (EtlId != null)
            {
                var definition = _calls.Call(ct => _api.GetEtlAsync(EtlId, ct));
                _destination = EtlDestination.Triggered(definition, new EtlTargets(_connection, _host, _cancellation));
            }
            else if (!string.IsNullOrWhiteSpace(CustomTable))
            {
                _destination = EtlDestination.OneShot(new EtlTargets(_connection, _host, _cancellation).Custom(CustomTable!), Mode, Mapping, Separator);
            }
            else if (!string.IsNullOrWhiteSpace(Table))
            {
                _destination = EtlDestination.OneShot(new EtlTargets(_connection, _host, _cancellation).Profile(Table!), Mode, Mapping, Separator);
            }
            else
            {
                throw new ArgumentException("Give the table to load: -Table for a profile table, -CustomTable for a custom table (or -EtlId for a TRIGGERED ETL).");
            }
            return _destination;
        }

        internal static string Size(long bytes) =>
            bytes >= 1024 * 1024 ? (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
            : bytes >= 1024 ? (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB"
            : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
    }
}
