using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using CustomerMetrics.Internal;

namespace CustomerMetrics;

/// <summary>
/// Maps customer keys as users hold them (<see cref="int"/>, <see cref="long"/>, <see cref="string"/>,
/// <see cref="Guid"/>, any equatable type) to dense indexes 0..<see cref="Count"/> − 1 and back. Build it once from a
/// key column, pass the dense indexes to the calculators (the <see cref="int"/> customer-id overloads are the fast
/// path), and read the keys back with <see cref="KeyAt"/>.
/// </summary>
/// <typeparam name="TKey">The key type. <c>null</c> keys are rejected.</typeparam>
/// <remarks>
/// <para>Order: the keys keep the order of their first appearance, so index 0 is the first key seen. Build from a sorted
/// distinct list to get sorted indexes (the calculators report customers in ascending index order).</para>
/// <para>Cost: one hash lookup per key while building or mapping (a <see cref="Dictionary{TKey, TValue}"/> with the
/// given comparer); memory is the distinct keys and the dictionary, O(customers), independent of the row count.</para>
/// <para>Id convention: everywhere in the library a customer is an <see cref="int"/> dense index or id. An array cannot
/// hold more than <see cref="Array.MaxLength"/> elements, so no log a calculator can take has more distinct customers
/// than an <see cref="int"/> can number; wider or non-numeric ids (<see cref="long"/> database keys, CRM strings,
/// <see cref="Guid"/>s) go through this type.</para>
/// <threadsafety>Immutable after construction; concurrent reads are safe.</threadsafety>
/// </remarks>
public sealed class CustomerKeys<TKey>
    where TKey : notnull, IEquatable<TKey>
{
    private readonly TKey[] _keys;
    private readonly Dictionary<TKey, int> _indexes;

    private CustomerKeys(TKey[] keys, Dictionary<TKey, int> indexes)
    {
        _keys = keys;
        _indexes = indexes;
    }

    /// <summary>The number of distinct keys.</summary>
    public int Count => _keys.Length;

    /// <summary>The distinct keys; the key at position <c>i</c> has index <c>i</c>.</summary>
    public ReadOnlySpan<TKey> Keys => _keys;

    /// <summary>The equality comparer that decides when two keys are the same customer.</summary>
    public IEqualityComparer<TKey> Comparer => _indexes.Comparer;

    /// <summary>The dense index of <paramref name="key"/>, or −1 when the key is not in the map.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public int IndexOf(TKey key) => _indexes.TryGetValue(key, out int index) ? index : -1;

    /// <summary>Whether <paramref name="key"/> is in the map.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool Contains(TKey key) => _indexes.ContainsKey(key);

    /// <summary>The key of dense index <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..<see cref="Count"/> − 1.</exception>
    public TKey KeyAt(int index)
    {
        if ((uint)index >= (uint)_keys.Length)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(index), index, string.Create(CultureInfo.InvariantCulture, $"0 to {_keys.Length - 1}"));
        }

        return _keys[index];
    }

    /// <summary>Writes the dense index of each key of a column (one per row) into <paramref name="destination"/>.</summary>
    /// <param name="keys">One key per row.</param>
    /// <param name="destination">Receives the index of each row's key; at least as long as <paramref name="keys"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="keys"/>, or a key is
    /// not in the map (the message names its index and value).</exception>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    public void IndexesOf(ReadOnlySpan<TKey> keys, Span<int> destination)
    {
        if (destination.Length < keys.Length)
        {
            ThrowHelper.LengthMismatch(nameof(destination), destination.Length, nameof(keys), keys.Length);
        }

        for (int i = 0; i < keys.Length; i++)
        {
            TKey key = keys[i];
            if (key is null)
            {
                ThrowNullKey(nameof(keys), i);
            }

            if (!_indexes.TryGetValue(key, out int index))
            {
                ThrowHelper.Argument(nameof(keys), string.Create(CultureInfo.InvariantCulture,
                    $"keys[{i}] is '{key}', which is not one of the {Count} customer keys of the map."));
            }

            destination[i] = index;
        }
    }

    /// <summary>The dense index of each key of a column (one per row), in a new array.</summary>
    /// <param name="keys">One key per row.</param>
    /// <returns>One index per row.</returns>
    /// <exception cref="ArgumentException">A key is not in the map (the message names its index and value).</exception>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    public int[] IndexesOf(ReadOnlySpan<TKey> keys)
    {
        int[] indexes = GC.AllocateUninitializedArray<int>(keys.Length);
        IndexesOf(keys, indexes);
        return indexes;
    }

    /// <summary>Builds the map from a column (see <see cref="CustomerKeys.Create{TKey}(ReadOnlySpan{TKey}, Span{int}, IEqualityComparer{TKey})"/>).</summary>
    internal static CustomerKeys<TKey> Build(ReadOnlySpan<TKey> keys, Span<int> indexes, IEqualityComparer<TKey>? comparer)
    {
        bool write = !indexes.IsEmpty;
        if (write && indexes.Length < keys.Length)
        {
            ThrowHelper.LengthMismatch(nameof(indexes), indexes.Length, nameof(keys), keys.Length);
        }

        var map = new Dictionary<TKey, int>(comparer);
        var distinct = new List<TKey>();
        for (int i = 0; i < keys.Length; i++)
        {
            TKey key = keys[i];
            if (key is null)
            {
                ThrowNullKey(nameof(keys), i);
            }

            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out bool exists);
            if (!exists)
            {
                slot = distinct.Count;
                distinct.Add(key);
            }

            if (write)
            {
                indexes[i] = slot;
            }
        }

        return new CustomerKeys<TKey>([.. distinct], map);
    }

    /// <summary>
    /// Writes each row's dense index into <paramref name="rows"/>: through <paramref name="keys"/> when given (a key not in it
    /// throws), else through a new map built from the rows in the same pass.
    /// </summary>
    internal static CustomerKeys<TKey> MapRows(ReadOnlySpan<TKey> customers, Span<int> rows, CustomerKeys<TKey>? keys)
    {
        if (keys is null)
        {
            return Build(customers, rows, null);
        }

        keys.IndexesOf(customers, rows);
        return keys;
    }

    /// <summary>"CustomerKeys&lt;String&gt;: 3 keys (a, b, c)" (invariant culture; at most five keys listed).</summary>
    public override string ToString()
    {
        string shown = string.Join(", ", _keys.Take(5).Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)));
        return string.Create(CultureInfo.InvariantCulture,
            $"CustomerKeys<{typeof(TKey).Name}>: {Count} keys ({shown}{(Count > 5 ? ", …" : "")})");
    }

    [DoesNotReturn]
    private static void ThrowNullKey(string paramName, int index) =>
        ThrowHelper.ArgumentNull(paramName, string.Create(CultureInfo.InvariantCulture, $"{paramName}[{index}] is null; customer keys must not be null."));
}
