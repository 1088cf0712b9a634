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
            var uri = new Uri(_baseUri, relativePath);
            using (var request = new HttpRequestMessage(method, uri))
            {
                request.Headers.TryAddWithoutValidation("Accept", "application/json");
                if (content != null)
                {
                    request.Content = content();
                    RequestMetadata.SetContentFactory(request, content);
                }
                RequestMetadata.SetMayRepeat(request, mayRepeat);

                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
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

                using (response)
                {
                    var text = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (status >= 200 && status <= 299)
                    {
                        if (string.IsNullOrWhiteSpace(text)) return JValue.CreateNull();
                        try
                        {
                            return JsonText.Parse(text);
                        }
                        catch (Newtonsoft.Json.JsonException)
                        {
                            throw new ActitoApiException($"Actito answered {status} to {method} {uri.PathAndQuery} with a body that is not JSON.",
                                status, method.Method, uri.PathAndQuery, null, _redactor.Redact(text));
                        }
                    }

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
