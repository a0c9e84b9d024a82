using FsCheck.Xunit;

namespace CustomerMetrics.Tests;

public class CustomerKeysTests
{
    [Fact]
    public void Keys_map_to_dense_indexes_in_order_of_first_appearance_and_back()
    {
        string[] column = ["c-42", "a-7", "c-42", "b-1", "a-7"];
        var keys = CustomerKeys.Create<string>(column);
        Assert.Equal(3, keys.Count);
        Assert.Equal(["c-42", "a-7", "b-1"], keys.Keys.ToArray());
        Assert.Equal(0, keys.IndexOf("c-42"));
        Assert.Equal(2, keys.IndexOf("b-1"));
        Assert.Equal(-1, keys.IndexOf("zz"));
        Assert.Equal("a-7", keys.KeyAt(1));
        Assert.Equal([0, 1, 0, 2, 1], keys.IndexesOf(column));
        Assert.True(keys.Contains("a-7"));
    }

    [Property(MaxTest = 200)]
    public void Every_key_type_round_trips_through_its_index(long[] ids)
    {
        var keys = CustomerKeys.Create<long>(ids);
        var indexes = new int[ids.Length];
        var again = CustomerKeys.Create<long>(ids, indexes, null);
        Assert.Equal(ids.Distinct().Count(), keys.Count);
        Assert.Equal(ids.Distinct().ToArray(), keys.Keys.ToArray()); // Distinct keeps first appearances in order
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Equal(ids[i], keys.KeyAt(indexes[i]));
            Assert.Equal(indexes[i], keys.IndexOf(ids[i]));
            Assert.Equal(indexes[i], again.IndexOf(ids[i]));
        }
    }

    [Fact]
    public void Guid_and_int_keys_and_sequences_work_as_spans_do()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var guids = CustomerKeys.Create(new List<Guid> { b, a, b }, null);
        Assert.Equal([b, a], guids.Keys.ToArray());
        var ints = CustomerKeys.Create(Enumerable.Range(0, 1000).Select(i => i % 7), null);
        Assert.Equal(7, ints.Count);
    }

    [Fact]
    public void A_comparer_decides_equality()
    {
        var keys = CustomerKeys.Create<string>(["ACME", "acme", "Other"], StringComparer.OrdinalIgnoreCase);
        Assert.Equal(2, keys.Count);
        Assert.Equal(0, keys.IndexOf("AcMe"));
        Assert.Same(StringComparer.OrdinalIgnoreCase, keys.Comparer);
    }

    [Fact]
    public void Unknown_null_and_out_of_range_keys_throw_naming_index_and_value()
    {
        var keys = CustomerKeys.Create<string>(["a", "b"]);
        var unknown = Assert.Throws<ArgumentException>(() => keys.IndexesOf(["a", "b", "x"]));
        Assert.Contains("keys[2] is 'x'", unknown.Message, StringComparison.Ordinal);
        var nullKey = Assert.Throws<ArgumentNullException>(() => CustomerKeys.Create<string>(["a", null!]));
        Assert.Contains("keys[1] is null", nullKey.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => keys.KeyAt(2));
        Assert.Throws<ArgumentException>(() => keys.IndexesOf(["a", "b"], new int[1]));
        Assert.Throws<ArgumentException>(() => CustomerKeys.Create<string>(["a", "b"], new int[1], null));
    }

    [Fact]
    public void ToString_lists_the_first_keys()
    {
        Assert.Equal("CustomerKeys<Int32>: 6 keys (1, 2, 3, 4, 5, …)", CustomerKeys.Create<int>([1, 2, 3, 4, 5, 6]).ToString());
        Assert.Equal("CustomerKeys<String>: 0 keys ()", CustomerKeys.Create<string>([]).ToString());
    }
}
