using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>One change made to a profile: deleted, subscribed, unsubscribed, added to or removed from a segmentation.</summary>
    public sealed class ProfileChangeResult
    {
        public ProfileChangeResult(int rowNumber, string table, long profileId, string change, JToken? response)
        {
            RowNumber = rowNumber;
            Table = table;
            ProfileId = profileId;
            Change = change;
            Response = PlainJson.From(response);
        }

        public int RowNumber { get; }

        public string Table { get; }

        public long ProfileId { get; }

        /// <summary>What was done, e.g. "Deleted", "Subscribed to Newsletter", "Added to ClientType: Gold".</summary>
        public string Change { get; }

        public object? Response { get; }
    }
}
