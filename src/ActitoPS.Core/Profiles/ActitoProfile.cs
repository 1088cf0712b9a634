using System.Collections.Generic;
using System.Collections.Specialized;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// A profile as Get-ActitoProfile writes it: the attributes typed by the table's structure (a DATE is a
    /// DateTime, an INTEGER a long), the subscriptions, the segmentation categories it belongs to, and
    /// Actito's answer as it came. The cmdlet also shows each attribute as a property of its own.
    /// </summary>
    public sealed class ActitoProfile : Records.IReadBack
    {
        public ActitoProfile(string table, long? profileId, IEnumerable<KeyValuePair<string, object?>> attributes,
            IEnumerable<KeyValuePair<string, bool>> subscriptions, IEnumerable<KeyValuePair<string, string[]>> segmentations, object? response)
        {
            Table = table;
            ProfileId = profileId;
            Attributes = new OrderedDictionary();
            foreach (var attribute in attributes) Attributes[attribute.Key] = attribute.Value;
            Subscriptions = new OrderedDictionary();
            foreach (var subscription in subscriptions) Subscriptions[subscription.Key] = subscription.Value;
            Segmentations = new OrderedDictionary();
            foreach (var segmentation in segmentations) Segmentations[segmentation.Key] = segmentation.Value;
            Response = response;
        }

        public long? ProfileId { get; }

        public string Table { get; }

        /// <summary>Attribute name → typed value, in the table's order.</summary>
        public OrderedDictionary Attributes { get; }

        /// <summary>Subscription name → subscribed.</summary>
        public OrderedDictionary Subscriptions { get; }

        /// <summary>Segmentation name → the categories the profile belongs to.</summary>
        public OrderedDictionary Segmentations { get; }

        /// <summary>Actito's answer as it came (see <see cref="Http.PlainJson"/>).</summary>
        public object? Response { get; }

        OrderedDictionary Records.IReadBack.Fields => Attributes;

        public override string ToString() => ProfileId.HasValue ? $"profile {ProfileId} in {Table}" : $"profile in {Table}";
    }
}
