using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Webhooks
{
    /// <summary>
    /// A webhook subscription as the feeding guide sets one up: Actito POSTs to TargetUrl, with Headers, when an event
    /// of the kind On (ETL_EXECUTION) reaches EventType (FINISHED). Header values are a secret of the receiver: they
    /// are kept for the call but never shown.
    /// </summary>
    public sealed class WebhookSubscription
    {
        private readonly IReadOnlyDictionary<string, string> _headers;

        public WebhookSubscription(string? id, string on, string? onElementId, string eventType, string targetUrl, IReadOnlyDictionary<string, string> headers,
            string pushType, bool isActive, object? response)
        {
            Id = id;
            On = on;
            OnElementId = onElementId;
            EventType = eventType;
            TargetUrl = targetUrl;
            _headers = headers;
            PushType = pushType;
            IsActive = isActive;
            Response = response;
        }

        public string? Id { get; }

        public string On { get; }

        /// <summary>The ETL it watches; null: every one of the entity.</summary>
        public string? OnElementId { get; }

        public string EventType { get; }

        public string TargetUrl { get; }

        /// <summary>The headers' names only: their values are the receiver's secret.</summary>
        public IReadOnlyList<string> HeaderNames => _headers.Keys.ToList();

        public string PushType { get; }

        public bool IsActive { get; }

        /// <summary>Actito's answer, header values removed.</summary>
        public object? Response { get; }

        public override string ToString() => Id ?? TargetUrl;

        internal JObject ToJson()
        {
            var body = new JObject
            {
                ["on"] = On,
                ["eventType"] = EventType,
                ["targetUrl"] = TargetUrl,
                ["headers"] = new JObject(_headers.Select(h => new JProperty(h.Key, h.Value))),
                ["webhookPushType"] = PushType,
                ["isActive"] = IsActive,
            };
            if (OnElementId != null) body["onElementId"] = OnElementId;
            return body;
        }

        internal static WebhookSubscription Parse(JToken json, string? id = null)
        {
            var body = json as JObject ?? new JObject();
            var headers = (body["headers"] as JObject)?.Properties().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase)
                          ?? new Dictionary<string, string>();
            var shown = (JObject)body.DeepClone();
            if (shown["headers"] is JObject hidden)
                foreach (var header in hidden.Properties().ToList()) header.Value = "(hidden)";
            var idToken = body["id"];
            return new WebhookSubscription(
                idToken == null || idToken.Type == JTokenType.Null ? id : idToken.Type == JTokenType.Integer ? ((long)idToken).ToString(CultureInfo.InvariantCulture) : idToken.ToString(),
                (string?)body["on"] ?? "ETL_EXECUTION", body["onElementId"]?.Type == JTokenType.Null ? null : body["onElementId"]?.ToString(),
                (string?)body["eventType"] ?? "FINISHED", (string?)body["targetUrl"] ?? string.Empty, headers,
                (string?)body["webhookPushType"] ?? "ONE_BY_ONE", body["isActive"] == null || JsonText.IsTrue(body["isActive"]), PlainJson.From(shown));
        }
    }
}
