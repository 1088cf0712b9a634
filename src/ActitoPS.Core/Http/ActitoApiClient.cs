using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Http
{
    /// <summary>Sends JSON to Actito through the handler chain and turns every failure into an <see cref="ActitoApiException"/>.</summary>
    public sealed class ActitoApiClient
    {
        private readonly HttpClient _http;
        private readonly Uri _baseUri;
        private readonly Redactor _redactor;

        internal ActitoApiClient(HttpClient http, Uri baseUri, Redactor redactor)
        {
            _http = http;
            _baseUri = baseUri;
            _redactor = redactor;
        }

        /// <param name="relativePath">Relative to the connection's base URI, without a leading slash; segments already escaped.</param>
        /// <param name="mayRepeat">Whether sending the request twice is harmless (see <see cref="RequestMetadata.SetMayRepeat"/>).</param>
        public Task<JToken> SendAsync(HttpMethod method, string relativePath, JToken? body, bool mayRepeat, CancellationToken cancellationToken) =>
            SendContentAsync(method, relativePath, body == null ? null : (Func<HttpContent>)(() => new StringContent(JsonText.Write(body), new UTF8Encoding(false), "application/json")),
                mayRepeat, cancellationToken);

        /// <param name="content">Builds the body; called again for each attempt, so a file is streamed from disk each time, never held in memory.</param>
        public async Task<JToken> SendContentAsync(HttpMethod method, string relativePath, Func<HttpContent>? content, bool mayRepeat, CancellationToken cancellationToken)
        {
            using (var response = await SendRawAsync(method, relativePath, content, mayRepeat, HttpCompletionOption.ResponseContentRead, "application/json", cancellationToken).ConfigureAwait(false))
            {
                var text = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (string.IsNullOrWhiteSpace(text)) return JValue.CreateNull();
                try
                {
                    return JsonText.Parse(text);
                }
                catch (Newtonsoft.Json.JsonException)
                {
                    var path = new Uri(_baseUri, relativePath).PathAndQuery;
                    throw new ActitoApiException($"Actito answered {(int)response.StatusCode} to {method} {path} with a body that is not JSON.",
                        (int)response.StatusCode, method.Method, path, null, _redactor.Redact(text));
                }
            }
        }

        /// <summary>Streams a file Actito serves (an import's error or result file) to <paramref name="destination"/>, which appears only once complete.</summary>
        public async Task DownloadAsync(string relativePath, string destination, CancellationToken cancellationToken)
        {
            var partial = destination + ".partial";
            using (var response = await SendRawAsync(HttpMethod.Get, relativePath, null, true, HttpCompletionOption.ResponseHeadersRead, "*/*", cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                    using (var file = new System.IO.FileStream(partial, System.IO.FileMode.Create, System.IO.FileAccess.Write, System.IO.FileShare.None, 1 << 16))
                    {
                        await body.CopyToAsync(file, 1 << 16, cancellationToken).ConfigureAwait(false);
                    }
                    if (System.IO.File.Exists(destination)) System.IO.File.Delete(destination);
                    System.IO.File.Move(partial, destination);
                }
                catch (Exception failure) when (failure is HttpRequestException || failure is System.IO.IOException)
                {
                    throw new ActitoApiException($"GET {new Uri(_baseUri, relativePath).PathAndQuery} broke off: {_redactor.Redact(failure.Message)}", null, "GET",
                        new Uri(_baseUri, relativePath).PathAndQuery, null, null, innerException: failure);
                }
                finally
                {
                    if (System.IO.File.Exists(partial)) System.IO.File.Delete(partial);
                }
            }
        }

        /// <summary>A 2xx response, its body unread; any other outcome as an <see cref="ActitoApiException"/>.</summary>
        private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string relativePath, Func<HttpContent>? content, bool mayRepeat,
            HttpCompletionOption completion, string accept, CancellationToken cancellationToken)
        {
            var uri = new Uri(_baseUri, relativePath);
            using (var request = new HttpRequestMessage(method, uri))
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
                if (content != null)
                {
                    request.Content = content();
                    RequestMetadata.SetContentFactory(request, content);
                }
                RequestMetadata.SetMayRepeat(request, mayRepeat);

                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (ActitoApiException)
                {
                    throw;
                }
                catch (Exception failure) when (failure is HttpRequestException || failure is OperationCanceledException || failure is System.IO.IOException)
                {
                    throw new ActitoApiException($"{method} {uri.PathAndQuery} failed: {_redactor.Redact(failure.Message)}", null, method.Method, uri.PathAndQuery, null, null, innerException: failure);
                }

                var status = (int)response.StatusCode;
                if (status >= 200 && status <= 299) return response;
                using (response)
                {
                    var text = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var safeBody = _redactor.Redact(text);
                    var (message, field) = ActitoErrorBody.Read(safeBody);
                    var outcomeUnknown = !mayRepeat && RetryHandler.IsRetryableStatus(status) && status >= 500;
                    var attempts = RequestMetadata.Attempts(request);
                    var earlierUncertain = RequestMetadata.EarlierAttemptUncertain(request);
                    var sentence = $"Actito answered {status} {response.ReasonPhrase} to {method} {uri.PathAndQuery}" +
                                   (attempts > 1 ? $" (attempt {attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : string.Empty) +
                                   (message != null ? $": {Sentence(message)}" : ".") +
                                   (outcomeUnknown ? " The request may or may not have been applied; it was not sent again." : string.Empty) +
                                   (earlierUncertain && !outcomeUnknown ? " " + RetryHandler.MayHaveBeenAppliedSentence : string.Empty);
                    throw new ActitoApiException(sentence, status, method.Method, uri.PathAndQuery, message, safeBody, field, outcomeUnknown,
                        attempts: attempts, earlierAttemptUncertain: earlierUncertain);
                }
            }
        }

        /// <summary>Actito's message as a sentence, so that what follows it reads apart.</summary>
        private static string Sentence(string message)
        {
            var trimmed = message.TrimEnd();
            return trimmed.Length > 0 && ".!?".IndexOf(trimmed[trimmed.Length - 1]) >= 0 ? trimmed : trimmed + ".";
        }
    }
}
