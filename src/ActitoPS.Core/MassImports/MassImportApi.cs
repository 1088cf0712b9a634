using System;
using System.Globalization;
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
            var id = (answer as JObject)?["id"] ?? answer;
            return id.Type == JTokenType.Integer ? (long)id
                : long.TryParse(id.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : throw new ActitoApiException($"Actito accepted the import but its answer names no execution id: {JsonText.Write(answer)}", null, "POST", Executions, null, JsonText.Write(answer));
        }

        public async Task<EtlExecution> GetAsync(long id, CancellationToken cancellationToken) =>
            EtlExecution.Parse(id, await _connection.Api.SendAsync(HttpMethod.Get, Executions + "/" + id.ToString(CultureInfo.InvariantCulture), null, true, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A table's daily imports are spent (Actito's 429 for the quota, not the one for too many requests at once, which
    /// is retried). It says when the quota resets and where the file is kept, to be sent again then.
    /// </summary>
    public sealed class ActitoImportQuotaException : Exception
    {
        internal ActitoImportQuotaException(ActitoApiException refused, string spoolFile)
            : base(Describe(refused, spoolFile), refused)
        {
            SpoolFile = spoolFile;
            ResetsAt = ReadReset(refused);
        }

        /// <summary>The file that was not loaded: Start-ActitoEtl -Path sends it again.</summary>
        public string SpoolFile { get; }

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

        private static string Describe(ActitoApiException refused, string spoolFile)
        {
            var reset = ReadReset(refused);
            return "Actito refused the import: the table's mass imports for today are spent" +
                   (reset.HasValue ? $" (the quota resets at {reset.Value.ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture)})" : string.Empty) +
                   $". Nothing was loaded; the file is kept at {spoolFile}: send it again then with Start-ActitoEtl -Path.";
        }
    }
}
