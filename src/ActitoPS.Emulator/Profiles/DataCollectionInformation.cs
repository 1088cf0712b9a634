namespace ActitoPS.Emulator;

/// <summary>GDPR proof of where a subscription change came from. Date is normalised to yyyy-MM-dd or yyyy-MM-dd HH:mm:ss.</summary>
public sealed record DataCollectionInformation(string? Date, string? Source, string? Way);
