namespace ActitoPS.Emulator.Tests.Support;

internal static class TestLicences
{
    public const string ApiKey = "local-dev-key";
    public const string Entity = "MyEntity";
    public const string Table = "MyWebsiteProfiles";
    public const string CustomTable = "DemoDocTickets";
    public const string OrdersTable = "Orders";

    /// <summary>The custom table the feeding guide's TRIGGERED example loads its "orders" file into, by this id.</summary>
    public const string GuideOrdersId = "bezoeiodif-sdfsdf-dfs-sdfsdf";
    public const string GuideOrdersTable = "StoreOrders";

    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "samples", "licence.json");

    /// <summary>A fresh copy of samples/licence.json, so a test may change it freely.</summary>
    public static Licence Sample() => Licence.Load(SamplePath);

    /// <summary>The sample with a BOOLEAN and a DATETIME attribute added, which the guide's table lacks.</summary>
    public static Licence SampleWithEveryValueType()
    {
        var licence = Sample();
        var attributes = licence.Entities[0].ProfileTables[0].Attributes;
        attributes.Add(new ProfileAttributeDefinition { Name = "optIn", ValueType = "BOOLEAN" });
        attributes.Add(new ProfileAttributeDefinition { Name = "lastVisit", ValueType = "DATETIME" });
        return licence;
    }

    public static Licence WithLimits(this Licence licence, int? maxConcurrentRequests = null, int? callsPerMinute = null, int? tokenLifetimeSeconds = null)
    {
        licence.Limits.MaxConcurrentRequests = maxConcurrentRequests ?? licence.Limits.MaxConcurrentRequests;
        licence.Limits.CallsPerMinute = callsPerMinute ?? licence.Limits.CallsPerMinute;
        licence.Limits.TokenLifetimeSeconds = tokenLifetimeSeconds ?? licence.Limits.TokenLifetimeSeconds;
        return licence;
    }

    /// <summary>
    /// The sample plus a custom table "Orders" with a String business key and every other type the emulator
    /// knows, a unique field besides the key, and no technical fields declared (the emulator adds them), no
    /// indexedFields (the default applies) and no entityId.
    /// </summary>
    public static Licence SampleWithOrders()
    {
        var licence = Sample();
        licence.Entities[0].CustomTables.Add(new CustomTableDefinition
        {
            Id = "0b7c5a52-0000-4000-8000-000000000001",
            TechnicalName = OrdersTable,
            UserName = "Orders",
            Category = "READWRITE",
            Capabilities = ["INTERACTION"],
            BusinessKey = "orderRef",
            CreationMoment = "2024-01-01T00:00:00+00:00",
            UpdateMoment = "2024-01-01T00:00:00+00:00",
            Attributes =
            [
                new() { FieldName = "orderRef", Type = "String", Unique = true, Required = true },
                new() { FieldName = "amount", Type = "Double", Required = true },
                new() { FieldName = "paid", Type = "Boolean" },
                new() { FieldName = "orderDate", Type = "Date" },
                new() { FieldName = "customerId", Type = "Long" },
                new() { FieldName = "voucher", Type = "String", Unique = true },
                new() { FieldName = "note", Type = "String", Description = "free text" },
            ],
        });
        return licence;
    }

    /// <summary>
    /// The sample plus the custom table of the feeding guide's TRIGGERED example (id bezoeiodif-sdfsdf-dfs-sdfsdf),
    /// shaped so that the guide's definition is accepted as printed: its orders loading maps only the header
    /// "source" to formSource, so formSource is the business key; orderMoment (the guide's DATE_FORMAT column)
    /// and orderRef are optional.
    /// </summary>
    public static Licence SampleWithGuideOrders()
    {
        var licence = Sample();
        licence.Entities[0].CustomTables.Add(new CustomTableDefinition
        {
            Id = GuideOrdersId,
            TechnicalName = GuideOrdersTable,
            Category = "READWRITE",
            Capabilities = ["INTERACTION"],
            BusinessKey = "formSource",
            Attributes =
            [
                new() { FieldName = "formSource", Type = "String", Unique = true, Required = true },
                new() { FieldName = "orderMoment", Type = "Date" },
                new() { FieldName = "orderRef", Type = "String" },
            ],
        });
        return licence;
    }

    /// <summary>The sample with that many more DemoDocTickets seed records (refs 1000…, customerId 777).</summary>
    public static Licence SampleWithManyTickets(int count)
    {
        var licence = Sample();
        var table = licence.Entities[0].CustomTables.Single(t => t.TechnicalName == CustomTable);
        for (var i = 0; i < count; i++)
        {
            table.Records.Add(new CustomTableRecord
            {
                Properties =
                [
                    Property("ref", 1000 + i),
                    Property("refMagasin", "9"),
                    Property("montant", i),
                    Property("customerId", 777),
                ],
            });
        }

        return licence;
    }

    public static CustomTableProperty Property<T>(string name, T value) =>
        new() { Name = name, Value = System.Text.Json.JsonSerializer.SerializeToElement(value) };
}
