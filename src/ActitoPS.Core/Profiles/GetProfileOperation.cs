using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
using ActitoPS.Core.Records;

namespace ActitoPS.Core.Profiles
{
    /// <summary>Get-ActitoProfile: one profile per id, or per value of a unique attribute; an unknown one is that key's error.</summary>
    public sealed class GetProfileOperation : RowOperation
    {
        private readonly IProfileApi _api;
        private readonly ProfileTableResolver _tables;

        public GetProfileOperation(ActitoConnection connection, IActitoHost host, Func<object, object?>? unwrap, CancellationToken cancellationToken)
            : base(connection, host, unwrap, cancellationToken, "Get-ActitoProfile", "profiles")
        {
            _api = ProfileApis.For(connection);
            _tables = new ProfileTableResolver(connection, host);
        }

        public void ById(string table, long profileId, object? input) =>
            ProcessInput(input ?? profileId, (_, row) => Plan(table, profileId.ToString(CultureInfo.InvariantCulture), $"profile {profileId.ToString(CultureInfo.InvariantCulture)}", row));

        /// <param name="key">A unique attribute (emailAddress, say).</param>
        public void ByKey(string table, string key, object? value, object? input) =>
            ProcessInput(input ?? value, (_, row) =>
            {
                var text = ValueFormatter.KeyText(value);
                if (text.Length == 0) throw new ActitoRecordException(row, key, "the value to look the profile up by is empty.");
                var structure = _tables.Find(table, Cancellation);
                var attribute = structure?.FindAttribute(key);
                if (structure != null && attribute == null)
                {
                    var meant = structure.FindAttributeIgnoringCase(key);
                    throw new ActitoRecordException(row, key, $"profile table '{structure.Name}' has no attribute '{key}'" +
                        (meant != null ? $"; technical names are case sensitive: did you mean '{meant.Name}'?" : "."));
                }
                if (attribute != null && !attribute.Unique)
                    throw new ActitoRecordException(row, key, $"{key} is not a unique attribute of '{structure!.Name}', so it cannot identify a profile. Its unique attributes: {string.Join(", ", structure.UniqueAttributes)}.");
                return Plan(table, key + "=" + text, $"profile with {key}={text}", row);
            });

        private RowPlan Plan(string table, string profileKey, string described, int row)
        {
            var structure = _tables.Find(table, Cancellation);
            var tableRef = _tables.Ref(table, structure);
            var subscriptions = structure?.Subscriptions ?? Array.Empty<string>();
            var segmentations = structure?.Segmentations.Select(s => s.Name).ToList() ?? new System.Collections.Generic.List<string>();
            return new RowPlan(async ct =>
            {
                try
                {
                    return ProfileReader.Read(tableRef.Name, structure, await _api.GetAsync(tableRef, profileKey, subscriptions, segmentations, ct).ConfigureAwait(false));
                }
                catch (ActitoApiException missing) when (missing.StatusCode == 404)
                {
                    throw missing.Restated($"No {described} in profile table '{tableRef.Name}'.");
                }
            });
        }
    }
}
