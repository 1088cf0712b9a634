using System;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// Where and how a profile's data (and above all its consent) was collected: Actito records it
    /// with every subscription change, as GDPR asks.
    /// </summary>
    public sealed class DataCollectionInfo
    {
        public DataCollectionInfo(string source, string way, DateTime? date)
        {
            if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("The data collection source is empty.", nameof(source));
            if (string.IsNullOrWhiteSpace(way)) throw new ArgumentException("The data collection way is empty.", nameof(way));
            Source = source;
            Way = way;
            Date = date;
        }

        public string Source { get; }

        public string Way { get; }

        /// <summary>When the data was collected; null means at the time of sending.</summary>
        public DateTime? Date { get; }

        /// <summary>Both or neither: a source without a way (or the reverse) is an incomplete consent record.</summary>
        public static DataCollectionInfo? FromParameters(string? source, string? way, DateTime? date)
        {
            var hasSource = !string.IsNullOrWhiteSpace(source);
            var hasWay = !string.IsNullOrWhiteSpace(way);
            if (!hasSource && !hasWay)
            {
                if (date.HasValue) throw new ArgumentException("-DataCollectionDate needs -DataCollectionSource and -DataCollectionWay.");
                return null;
            }
            if (!hasSource) throw new ArgumentException("-DataCollectionWay needs -DataCollectionSource too: Actito records both with the consent.");
            if (!hasWay) throw new ArgumentException("-DataCollectionSource needs -DataCollectionWay too: Actito records both with the consent.");
            return new DataCollectionInfo(source!, way!, date);
        }
    }
}
