using CustomerMetrics.Internal;

namespace CustomerMetrics;

/// <summary>Builds <see cref="CustomerKeys{TKey}"/> maps from key columns; the key type is inferred.</summary>
/// <remarks>
/// Keys keep the order of their first appearance (index 0 is the first key seen); build from a sorted distinct list to get
/// sorted indexes. Cost: one hash lookup per key; memory O(distinct keys). Null keys throw
/// <see cref="ArgumentNullException"/> naming their index.
/// </remarks>
public static class CustomerKeys
{
    /// <summary>Builds a key map from the distinct keys of a column, in order of first appearance, with the default equality.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="keys">Keys, repeats allowed (for example the customer column of a transaction log).</param>
    /// <returns>The map; empty for an empty column.</returns>
    /// <exception cref="ArgumentNullException">A key is null (the message names its index).</exception>
    public static CustomerKeys<TKey> Create<TKey>(ReadOnlySpan<TKey> keys)
        where TKey : notnull, IEquatable<TKey> => CustomerKeys<TKey>.Build(keys, [], null);

    /// <summary>Builds a key map from the distinct keys of a column, in order of first appearance.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="keys">Keys, repeats allowed.</param>
    /// <param name="comparer">Decides equality (for example <see cref="StringComparer.OrdinalIgnoreCase"/>); the default when null.</param>
    /// <returns>The map; empty for an empty column.</returns>
    /// <exception cref="ArgumentNullException">A key is null (the message names its index).</exception>
    public static CustomerKeys<TKey> Create<TKey>(ReadOnlySpan<TKey> keys, IEqualityComparer<TKey>? comparer)
        where TKey : notnull, IEquatable<TKey> => CustomerKeys<TKey>.Build(keys, [], comparer);

    /// <summary>
    /// Builds a key map from the distinct keys of a column, in order of first appearance, and writes each row's dense index
    /// into <paramref name="indexes"/> in the same pass (one hash lookup per row).
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="keys">Keys, repeats allowed.</param>
    /// <param name="indexes">Receives the index of each row's key; at least as long as <paramref name="keys"/>.</param>
    /// <param name="comparer">Decides equality; the default when null.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentException"><paramref name="indexes"/> is shorter than <paramref name="keys"/>.</exception>
    /// <exception cref="ArgumentNullException">A key is null (the message names its index).</exception>
    public static CustomerKeys<TKey> Create<TKey>(ReadOnlySpan<TKey> keys, Span<int> indexes, IEqualityComparer<TKey>? comparer)
        where TKey : notnull, IEquatable<TKey>
    {
        if (indexes.Length < keys.Length)
        {
            ThrowHelper.LengthMismatch(nameof(indexes), indexes.Length, nameof(keys), keys.Length);
        }

        return CustomerKeys<TKey>.Build(keys, indexes, comparer);
    }

    /// <summary>Builds a key map from the distinct keys of a sequence (a list, a query), in order of first appearance.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="keys">Keys, repeats allowed.</param>
    /// <param name="comparer">Decides equality; the default when null.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or a key is null.</exception>
    /// <remarks>A list or array is read in place; another sequence is copied once to a pooled buffer.</remarks>
    public static CustomerKeys<TKey> Create<TKey>(IEnumerable<TKey> keys, IEqualityComparer<TKey>? comparer)
        where TKey : notnull, IEquatable<TKey>
    {
        using var buffer = PooledSpan<TKey>.From(keys, nameof(keys));
        return CustomerKeys<TKey>.Build(buffer.Span, [], comparer);
    }
}
