namespace ActitoPS.Emulator.CustomTables;

/// <summary>
/// The order in which Java's <c>HashMap&lt;String, …&gt;</c> iterates its keys. Actito's service evidently
/// builds a record's properties from such a map: the guide's records list ref, updateMoment,
/// creationMoment, customerId, montant, id, refMagasin, which is exactly that order (buckets 2, 6, 7, 8,
/// 10, 11, 12 of 16), and neither the structure's order nor any alphabetical one. So every record the
/// emulator answers lists its properties in this order, as Actito would.
/// </summary>
internal static class JavaHashMapOrder
{
    private const int DefaultCapacity = 16;

    /// <param name="names">In insertion order, which decides between names that share a bucket.</param>
    public static IReadOnlyList<T> Sort<T>(IReadOnlyList<T> items, Func<T, string> name)
    {
        // The map grows (doubling) once it holds more than three quarters of its capacity.
        var capacity = DefaultCapacity;
        while (items.Count > capacity / 4 * 3)
        {
            capacity *= 2;
        }

        return items
            .Select((item, index) => (Item: item, Index: index, Bucket: Bucket(name(item), capacity)))
            .OrderBy(x => x.Bucket)
            .ThenBy(x => x.Index)
            .Select(x => x.Item)
            .ToList();
    }

    /// <summary>HashMap.hash (the high half folded into the low half), masked to the table size.</summary>
    public static int Bucket(string key, int capacity)
    {
        var hash = JavaHashCode(key);
        hash ^= (int)((uint)hash >> 16);
        return hash & (capacity - 1);
    }

    /// <summary>java.lang.String.hashCode: s[0]*31^(n-1) + … + s[n-1] over UTF-16 units, wrapping.</summary>
    public static int JavaHashCode(string text)
    {
        var hash = 0;
        foreach (var unit in text)
        {
            hash = unchecked((31 * hash) + unit);
        }

        return hash;
    }
}
