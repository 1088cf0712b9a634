using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.MassImports
{
    /// <summary>The one-shot mass-import calls of the feeding guide's step 4 (/mass-imports/v5/entities/{e}/etl-executions…).</summary>
    internal sealed class MassImportApi
    {
        private readonly ActitoConnection _connection;

        public MassImportApi(ActitoConnection connection) => _connection = connection;

        private string Executions => _connection.EntityPath("mass-imports/v5/entities/{0}/etl-executions");

        /// <summary>
        /// Uploads a file with its definition. Never sent twice after an unknown outcome: a second upload could load
        /// the file twice and spend another of the table's daily imports.
        /// </summary>
        /// <exception cref="ActitoImportQuotaException">The table's daily imports are spent.</exception>
        public async Task<long> StartOneShotAsync(OneShotEtlDefinition definition, string filePath, CancellationToken cancellationToken)
        {
            var definitionJson = JsonText.Write(definition.ToJson());
            HttpContent Body()
            {
                var form = new MultipartFormDataContent();
                var file = new StreamContent(new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(file, "inputFile", Path.GetFileName(filePath));
                var json = new StringContent(definitionJson, new System.Text.UTF8Encoding(false), "application/json");
                form.Add(json, "oneshotEtl", "oneshotEtl.json");
                return form;
            }

            JToken answer;
            try
            {
                answer = await _connection.Api.SendContentAsync(HttpMethod.Post, Executions, Body, mayRepeat: false, cancellationToken).ConfigureAwait(false);
            }
            catch (ActitoApiException refused) when (ActitoImportQuotaException.Says(refused))
            {
                throw new ActitoImportQuotaException(refused, filePath);
            }
            return ExecutionId(answer, Executions);
        }

        private static long ExecutionId(JToken answer, string path)
        {
            var id = (answer as JObject)?["id"] ?? (answer as JObject)?["executionId"] ?? answer;
            return id.Type == JTokenType.Integer ? (long)id
                : long.TryParse(id.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : throw new ActitoApiException($"Actito accepted the import but its answer names no execution id: {JsonText.Write(answer)}", null, "POST", path, null, JsonText.Write(answer));
        }

        private string Etls => _connection.EntityPath("mass-imports/v5/entities/{0}/etls");

        /// <summary>Defines a TRIGGERED ETL; Actito answers its id. Not repeated after an unknown outcome: a second call would define it twice.</summary>
        public async Task<EtlDefinition> CreateEtlAsync(EtlDefinition definition, CancellationToken cancellationToken)
        {
            var answer = await _connection.Api.SendAsync(HttpMethod.Post, Etls, definition.Json, mayRepeat: false, cancellationToken).ConfigureAwait(false);
            var id = (answer as JObject)?["id"] ?? answer;
            if (id == null || id.Type == JTokenType.Null || id.Type == JTokenType.Object)
                throw new ActitoApiException($"Actito accepted the ETL but its answer names no id: {JsonText.Write(answer)}", null, "POST", Etls, null, JsonText.Write(answer));
            return definition.WithId(id.ToString());
        }

        public async Task<EtlDefinition> GetEtlAsync(string id, CancellationToken cancellationToken)
        {
            var answer = await _connection.Api.SendAsync(HttpMethod.Get, Etls + "/" + Uri.EscapeDataString(id), null, true, cancellationToken).ConfigureAwait(false);
            var definition = EtlDefinition.Parse(answer);
            return definition.Id == null ? definition.WithId(id) : definition;
        }

        public async Task<IReadOnlyList<EtlDefinition>> ListEtlsAsync(CancellationToken cancellationToken)
        {
            var answer = await _connection.Api.SendAsync(HttpMethod.Get, Etls, null, true, cancellationToken).ConfigureAwait(false);
            var list = answer as JArray ?? (answer as JObject)?.Properties().Select(p => p.Value).OfType<JArray>().FirstOrDefault() ?? new JArray();
            return list.OfType<JObject>().Select(EtlDefinition.Parse).ToList();
        }

        public Task DeleteEtlAsync(string id, CancellationToken cancellationToken) =>
            _connection.Api.SendAsync(HttpMethod.Delete, Etls + "/" + Uri.EscapeDataString(id), null, true, cancellationToken);

        /// <summary>Pushes a file (a CSV, a GZIP of one, or a ZIP of the definition's files) to a TRIGGERED ETL: one execution, never sent twice blindly.</summary>
        /// <exception cref="ActitoImportQuotaException">A table's daily imports are spent.</exception>
        public async Task<long> TriggerAsync(string etlId, string filePath, CancellationToken cancellationToken)
        {
            var path = Etls + "/" + Uri.EscapeDataString(etlId) + "/trigger-execution";
            HttpContent Body()
            {
                var form = new MultipartFormDataContent();
                var file = new StreamContent(new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(file, "inputFile", Path.GetFileName(filePath));
                return form;
            }

            JToken answer;
            try
            {
                answer = await _connection.Api.SendContentAsync(HttpMethod.Post, path, Body, mayRepeat: false, cancellationToken).ConfigureAwait(false);
            }
            catch (ActitoApiException refused) when (ActitoImportQuotaException.Says(refused))
            {
                throw new ActitoImportQuotaException(refused, filePath);
            }
            return ExecutionId(answer, path);
        }

        public async Task<EtlExecution> GetAsync(long id, CancellationToken cancellationToken) =>
            EtlExecution.Parse(id, await _connection.Api.SendAsync(HttpMethod.Get, Execution(id), null, true, cancellationToken).ConfigureAwait(false), _connection.Entity);

        /// <summary>The error and result files an execution left (none while it runs, none for a failed one).</summary>
        public async Task<IReadOnlyList<EtlOutputFile>> GetOutputFilesAsync(long id, CancellationToken cancellationToken)
        {
            var answer = await _connection.Api.SendAsync(HttpMethod.Get, Execution(id) + "/output-files", null, true, cancellationToken).ConfigureAwait(false);
            var files = (answer as JObject)?["outputFiles"] as JArray ?? answer as JArray ?? new JArray();
            return files.OfType<JObject>().Select(f => EtlOutputFile.Parse(id, f, Execution(id) + "/output-files/")).Where(f => f != null).Select(f => f!).ToList();
        }

        public Task DownloadAsync(EtlOutputFile file, string destination, CancellationToken cancellationToken) =>
            _connection.Api.DownloadAsync(file.RelativePath, destination, cancellationToken);

        private string Execution(long id) => Executions + "/" + id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A table's daily imports are spent (Actito's 429 for the quota, not the one for too many requests at once, which
    /// is retried). It says when the quota resets and where the files are kept, to be sent again then.
    /// </summary>
    public sealed class ActitoImportQuotaException : Exception
    {
        internal ActitoImportQuotaException(ActitoApiException refused, string spoolFile)
            : this(refused, new[] { spoolFile })
        {
        }

        /// <param name="resend">How the kept data goes again: "Start-ActitoEtl -Path" (the default), or what a multi-file push needs.</param>
        internal ActitoImportQuotaException(ActitoApiException refused, IReadOnlyList<string> keptFiles, string? resend = null)
            : base(Describe(refused, keptFiles, resend ?? DefaultResend), refused)
        {
            SpoolFiles = keptFiles;
            ResetsAt = ReadReset(refused);
            Resend = resend ?? DefaultResend;
        }

        private const string DefaultResend = "Start-ActitoEtl -Path";

        /// <summary>The command that sends the kept data again, once the quota has reset.</summary>
        public string Resend { get; }

        /// <summary>The first file that was not loaded: Start-ActitoEtl -Path sends it again.</summary>
        public string SpoolFile => SpoolFiles[0];

        /// <summary>Every file not loaded, in order (later parts of the same input too).</summary>
        public IReadOnlyList<string> SpoolFiles { get; }

        public DateTimeOffset? ResetsAt { get; }

        internal static bool Says(ActitoApiException refused) =>
            refused.StatusCode == 429 && (refused.ResponseBody ?? string.Empty).IndexOf("QUOTA", StringComparison.OrdinalIgnoreCase) >= 0;

        private static DateTimeOffset? ReadReset(ActitoApiException refused)
        {
            try
            {
                var text = (string?)(JsonText.Parse(refused.ResponseBody ?? "{}") as JObject)?["resetsAt"];
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var reset) ? reset : (DateTimeOffset?)null;
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return null;
            }
        }

        private static string Describe(ActitoApiException refused, IReadOnlyList<string> keptFiles, string resend)
        {
            var reset = ReadReset(refused);
            var kept = keptFiles.Count == 1
                ? $"the file is kept at {keptFiles[0]}: send it again then with {resend}."
                : $"the {keptFiles.Count.ToString(CultureInfo.InvariantCulture)} files not sent are kept at {string.Join(", ", keptFiles)}: send each again then with {resend}.";
            return "Actito refused the import: the table's mass imports for today are spent" +
                   (reset.HasValue ? $" (the quota resets at {reset.Value.ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture)})" : string.Empty) +
                   $". Nothing of it was loaded; {kept}";
        }
    }
}
