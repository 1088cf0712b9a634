using ActitoPS.Core.Http;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>One row written by Set-ActitoProfile.</summary>
    public sealed class ProfileUpsertResult
    {
        public ProfileUpsertResult(int rowNumber, string table, long? profileId, JToken response)
        {
            RowNumber = rowNumber;
            Table = table;
            ProfileId = profileId;
            Response = PlainJson.From(response);
        }

        /// <summary>The row's position in the pipeline, from 1: it ties the result to its input line.</summary>
        public int RowNumber { get; }

        public string Table { get; }

        public long? ProfileId { get; }

        /// <summary>Actito's answer as it came, fields the module doesn't know included (see <see cref="PlainJson"/>).</summary>
        public object? Response { get; }
    }
}
