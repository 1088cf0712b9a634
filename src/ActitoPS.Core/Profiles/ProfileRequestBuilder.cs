using System;
using System.Collections.Generic;
using System.Globalization;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// Builds the body of POST …/profile from a row. Two shapes are accepted:
    /// a flat row (a CSV line: one column per attribute, <c>subscriptions#Name</c> for a subscription,
    /// <c>S_Name</c> for a segmentation, the same headers as Actito's ETL files), or a row already in
    /// Actito's shape (an <c>attributes</c> list of name/value, as in Actito's guide), sent as it stands.
    /// </summary>
    public static class ProfileRequestBuilder
    {
        public const string SubscriptionPrefix = "subscriptions#";
        public const string SegmentationPrefix = "S_";

        private static readonly string[] StructuredNames = { "attributes", "subscriptions", "segmentations", "dataCollectionInformation" };

        /// <param name="now">The local time of sending, used when a data collection date is not given.</param>
        /// <exception cref="ActitoRecordException">The row cannot be sent; the message names the row and field.</exception>
        public static JObject Build(ActitoRecord record, int rowNumber, DataCollectionInfo? dataCollection, DateTime now)
        {
            var body = IsStructured(record) ? FromStructured(record, rowNumber) : FromFlat(record, rowNumber);

            var attributes = body["attributes"] as JArray;
            var subscriptions = body["subscriptions"] as JArray;
            var segmentations = body["segmentations"] as JArray;
            if ((attributes == null || attributes.Count == 0) && (subscriptions == null || subscriptions.Count == 0) && (segmentations == null || segmentations.Count == 0))
                throw new ActitoRecordException(rowNumber, null, "the row has no value to send (every cell is empty).");

            if (dataCollection != null && body["dataCollectionInformation"] == null)
            {
                body["dataCollectionInformation"] = new JObject
                {
                    ["date"] = (dataCollection.Date ?? now).ToString(ValueFormatter.DateTimeFormat, CultureInfo.InvariantCulture),
                    ["source"] = dataCollection.Source,
                    ["way"] = dataCollection.Way,
                };
            }

            if (subscriptions != null && subscriptions.Count > 0 && body["dataCollectionInformation"] == null)
            {
                var first = (string?)subscriptions[0]["name"];
                throw new ActitoRecordException(rowNumber, first == null ? "subscriptions" : SubscriptionPrefix + first,
                    "a subscription change must say where the consent was collected: add -DataCollectionSource and -DataCollectionWay (GDPR).");
            }
            return body;
        }

        private static bool IsStructured(ActitoRecord record) =>
            record.TryGetValue("attributes", out var attributes) && attributes is IList<object?>;

        private static JObject FromFlat(ActitoRecord record, int rowNumber)
        {
            var attributes = new JArray();
            var subscriptions = new JArray();
            var segmentations = new JArray();
            foreach (var field in record)
            {
                var name = field.Key;
                if (IsEmpty(field.Value)) continue;

                if (name.StartsWith(SubscriptionPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    var subscription = name.Substring(SubscriptionPrefix.Length);
                    if (subscription.Length == 0) throw new ActitoRecordException(rowNumber, name, "the column names no subscription (expected subscriptions#Name).");
                    var subscribe = ValueFormatter.ParseYesNo(field.Value)
                        ?? throw new ActitoRecordException(rowNumber, name, $"'{Text(field.Value)}' is not a yes/no value (use true/false, 1/0, yes/no or Y/N).");
                    subscriptions.Add(new JObject { ["name"] = subscription, ["subscribe"] = subscribe ? "true" : "false" });
                }
                else if (name.StartsWith(SegmentationPrefix, StringComparison.Ordinal) && name.Length > SegmentationPrefix.Length)
                {
                    if (!(field.Value is string) && !RecordConverter.IsNumber(field.Value!))
                        throw new ActitoRecordException(rowNumber, name, "a segmentation column holds the name of a category.");
                    segmentations.Add(new JObject
                    {
                        ["belongs"] = "true",
                        ["segmentation"] = new JObject { ["name"] = name.Substring(SegmentationPrefix.Length), ["category"] = Text(field.Value).Trim() },
                    });
                }
                else
                {
                    attributes.Add(new JObject { ["name"] = name, ["value"] = Format(field.Value, rowNumber, name) });
                }
            }

            var body = new JObject { ["attributes"] = attributes };
            if (subscriptions.Count > 0) body["subscriptions"] = subscriptions;
            if (segmentations.Count > 0) body["segmentations"] = segmentations;
            return body;
        }

        private static JObject FromStructured(ActitoRecord record, int rowNumber)
        {
            var body = new JObject();
            foreach (var field in record)
            {
                var name = Canonical(field.Key)
                    ?? throw new ActitoRecordException(rowNumber, field.Key,
                        "a row in Actito's shape (with an 'attributes' list) may only hold attributes, subscriptions, segmentations and dataCollectionInformation.");
                if (name == "attributes")
                {
                    var attributes = new JArray();
                    var index = 0;
                    foreach (var item in (IList<object?>)field.Value!)
                    {
                        index++;
                        if (!(item is ActitoRecord attribute) || !attribute.TryGetValue("name", out var attributeName) || !(attributeName is string text) || text.Length == 0)
                            throw new ActitoRecordException(rowNumber, $"attributes[{index}]", "each attribute needs a 'name' and a 'value'.");
                        attribute.TryGetValue("value", out var value);
                        attributes.Add(new JObject { ["name"] = text, ["value"] = Format(value, rowNumber, text) });
                    }
                    body["attributes"] = attributes;
                }
                else if (field.Value != null)
                {
                    body[name] = Deep(field.Value, rowNumber, name);
                }
            }
            return body;
        }

        /// <summary>The name as Actito spells it, whatever case the row used; null when it is not one of Actito's.</summary>
        private static string? Canonical(string name) => Array.Find(StructuredNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

        private static JToken Deep(object? value, int rowNumber, string field)
        {
            switch (value)
            {
                case ActitoRecord nested:
                    var obj = new JObject();
                    foreach (var pair in nested) obj[pair.Key] = Deep(pair.Value, rowNumber, field + "." + pair.Key);
                    return obj;
                case IList<object?> list:
                    var array = new JArray();
                    foreach (var item in list) array.Add(Deep(item, rowNumber, field));
                    return array;
                default:
                    return Format(value, rowNumber, field);
            }
        }

        private static JToken Format(object? value, int rowNumber, string field)
        {
            try
            {
                return ValueFormatter.ToJson(value);
            }
            catch (Exception problem) when (problem is FormatException || problem is OverflowException)
            {
                throw new ActitoRecordException(rowNumber, field, problem.Message, problem);
            }
        }

        private static bool IsEmpty(object? value) => value == null || (value is string text && text.Trim().Length == 0);

        private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
