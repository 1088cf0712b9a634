using System.Collections;
using System.Collections.Specialized;
using ActitoPS.Core.Records;

namespace ActitoPS.Tests.Records;

public class RecordConverterTests
{
    private sealed class Customer
    {
        public int CustomerId { get; set; } = 12;
        public string Name { get; set; } = "Anna";
        public string[] Tags { get; set; } = { "a", "b" };
    }

    [Fact]
    public void An_ordered_hashtable_keeps_its_order_and_values()
    {
        var input = new OrderedDictionary { ["lastName"] = "Smith", ["customerId"] = 34567, ["birthDate"] = new DateTime(1967, 5, 26) };

        var record = RecordConverter.ToRecord(input);

        Assert.Equal(new[] { "lastName", "customerId", "birthDate" }, record.Select(f => f.Key));
        Assert.Equal(34567, record.Single(f => f.Key == "customerId").Value);
    }

    [Fact]
    public void A_typed_object_becomes_its_public_properties_and_lists_stay_lists()
    {
        var record = RecordConverter.ToRecord(new Customer());

        Assert.True(record.TryGetValue("customerid", out var id));
        Assert.Equal(12, id);
        Assert.True(record.TryGetValue("Tags", out var tags));
        Assert.Equal(new object?[] { "a", "b" }, Assert.IsAssignableFrom<IList<object?>>(tags));
    }

    [Fact]
    public void The_unwrap_hook_opens_wrappers_at_every_depth()
    {
        // Stands in for PSObject: a wrapper whose meaning only the hook knows.
        var wrapped = new Wrapper(new Hashtable { ["nested"] = new Wrapper("inner value") });

        var record = RecordConverter.ToRecord(wrapped, v => v is Wrapper w ? w.Inner : v);

        Assert.True(record.TryGetValue("nested", out var nested));
        Assert.Equal("inner value", nested);
    }

    [Theory]
    [InlineData("just a string")]
    [InlineData(42)]
    [InlineData(null)]
    public void A_value_without_properties_is_refused_with_what_it_was(object? input)
    {
        var error = Assert.Throws<ArgumentException>(() => RecordConverter.ToRecord(input));
        Assert.Contains("Expected an object with properties", error.Message);
    }

    private sealed record Wrapper(object Inner);
}
