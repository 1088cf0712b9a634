using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ActitoPS.Core.Connection;
using ActitoPS.Core.Hosting;
using ActitoPS.Core.Http;
using ActitoPS.Core.Records;
using Newtonsoft.Json.Linq;

namespace ActitoPS.Core.Profiles
{
    /// <summary>
    /// The changes made to one known profile: Remove-ActitoProfile (DELETE), Add-/Remove-ActitoSubscription
    /// (POST/DELETE …/subscription/{name} with the consent's data collection information) and
    /// Add-/Remove-ActitoSegmentation (PUT with belongs true/false). Each is checked against the structure first.
    /// </summary>
    public sealed class ProfileChangeOperation : RowOperation
    {
        private readonly IProfileApi _api;
        private readonly ProfileTableResolver _tables;

        public ProfileChangeOperation(ActitoConnection connection, IActitoHost host, Func<object, object?>? unwrap, CancellationToken cancellationToken, string activity)
            : base(connection, host, unwrap, cancellationToken, activity, "profiles")
        {
            _api = ProfileApis.For(connection);
            _tables = new ProfileTableResolver(connection, host);
        }

        public void Delete(string table, long profileId, object? input) =>
            ProcessInput(input ?? profileId, (_, row) =>
            {
                var tableRef = _tables.Ref(table, _tables.Find(table, Cancellation));
                return new RowPlan(ct => Change(row, tableRef, profileId, "Deleted", c => _api.DeleteAsync(tableRef, profileId, c), ct),
                    $"profile {Id(profileId)} in table '{tableRef.Name}'", "Delete (GDPR: the profile and its data are gone)");
            });

        public void Subscription(string table, long profileId, string subscription, bool subscribe, DataCollectionInfo dataCollection, object? input) =>
            ProcessInput(input ?? profileId, (_, row) =>
            {
                var structure = _tables.Find(table, Cancellation);
                if (structure != null && structure.Subscriptions.Count > 0 && !structure.HasSubscription(subscription))
                    throw new ActitoRecordException(row, "Subscription",
                        $"profile table '{structure.Name}' has no subscription '{subscription}'. Its subscriptions: {string.Join(", ", structure.Subscriptions)}.");
                var tableRef = _tables.Ref(table, structure);
                var body = new JObject
                {
                    ["source"] = dataCollection.Source,
                    ["date"] = (dataCollection.Date ?? Connection.Clock.UtcNow.ToLocalTime().DateTime).ToString(ValueFormatter.DateTimeFormat, CultureInfo.InvariantCulture),
                    ["way"] = dataCollection.Way,
                };
                var change = subscribe ? $"Subscribed to {subscription}" : $"Unsubscribed from {subscription}";
                return new RowPlan(ct => Change(row, tableRef, profileId, change, c => _api.SetSubscriptionAsync(tableRef, profileId, subscription, subscribe, body, c), ct),
                    $"profile {Id(profileId)} in table '{tableRef.Name}'", subscribe ? $"Subscribe to {subscription}" : $"Unsubscribe from {subscription}");
            });

        public void Segmentation(string table, long profileId, string segmentation, string category, bool belongs, object? input) =>
            ProcessInput(input ?? profileId, (_, row) =>
            {
                var structure = _tables.Find(table, Cancellation);
                var body = new JObject
                {
                    ["segmentations"] = new JArray(new JObject
                    {
                        ["belongs"] = belongs ? "true" : "false",
                        ["segmentation"] = new JObject { ["name"] = segmentation, ["category"] = category },
                    }),
                };
                if (structure != null) ProfileRowCheck.Check(structure, body, row, ProfileWriteKind.Update);
                var tableRef = _tables.Ref(table, structure);
                var change = belongs ? $"Added to {segmentation}: {category}" : $"Removed from {segmentation}: {category}";
                return new RowPlan(ct => Change(row, tableRef, profileId, change, c => _api.UpdateAsync(tableRef, profileId, body, c), ct),
                    $"profile {Id(profileId)} in table '{tableRef.Name}'", belongs ? $"Add to segmentation {segmentation}: {category}" : $"Remove from segmentation {segmentation}: {category}");
            });

        protected override string? Advice(ActitoApiException failure) =>
            failure.StatusCode == 404 ? "Check the profile id (Get-ActitoProfile finds it by a unique attribute)." : base.Advice(failure);

        private static async Task<object> Change(int row, ProfileTableRef table, long profileId, string change, Func<CancellationToken, Task<JToken>> call, CancellationToken ct)
        {
            try
            {
                return new ProfileChangeResult(row, table.Name, profileId, change, await call(ct).ConfigureAwait(false));
            }
            catch (ActitoApiException missing) when (missing.StatusCode == 404)
            {
                throw missing.Restated($"No profile {Id(profileId)} in profile table '{table.Name}'" + (missing.ActitoMessage != null ? $" (Actito: {missing.ActitoMessage})" : "."));
            }
        }

        private static string Id(long profileId) => profileId.ToString(CultureInfo.InvariantCulture);
    }
}
