using System.Buffers;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>Historical CLV per customer over transaction logs keyed by customer keys of any type.</summary>
public static partial class Clv
{
    /// <summary>
    /// Historical CLV per customer, in exact money, over a log keyed by customer keys of any type (CRM strings,
    /// <see cref="long"/> database ids, <see cref="Guid"/>s): the keys become dense indexes once
    /// (<see cref="CustomerKeys{TKey}"/>), the dense <see cref="int"/> path runs, and the result reads the keys back.
    /// </summary>
    /// <typeparam name="TKey">The customer key type.</typeparam>
    /// <param name="customers">Customer key of each transaction (not null).</param>
    /// <param name="amounts">Amount of each transaction (negative for refunds).</param>
    /// <param name="averageGrossMargin">Average gross margin as a fraction in [0, 1], applied to every customer.</param>
    /// <param name="keys">A key map to reuse (every key of <paramref name="customers"/> must be in it), or null to build one
    /// from <paramref name="customers"/> in order of first appearance.</param>
    /// <returns>One entry per customer of the log in ascending dense-index order, and the total; empty for an empty log.</returns>
    /// <exception cref="ArgumentNullException">A key is null (the message names its index).</exception>
    /// <exception cref="ArgumentException">The spans differ in length, or a key is not in <paramref name="keys"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin is outside [0, 1].</exception>
    /// <exception cref="OverflowException">A revenue exceeds the <see cref="decimal"/> range.</exception>
    /// <remarks>Cost: one hash lookup per row into a pooled index buffer (4 bytes per row), the key map when none is given,
    /// then the <see cref="int"/> path on compact ids.</remarks>
    public static KeyedHistoricalClv<TKey> Historical<TKey>(ReadOnlySpan<TKey> customers, ReadOnlySpan<decimal> amounts,
        decimal averageGrossMargin, CustomerKeys<TKey>? keys)
        where TKey : notnull, IEquatable<TKey>
    {
        Guard.SameLength(customers.Length, amounts.Length);
        int[] indexes = ArrayPool<int>.Shared.Rent(customers.Length);
        try
        {
            Span<int> rows = indexes.AsSpan(0, customers.Length);
            keys = CustomerKeys<TKey>.MapRows(customers, rows, keys);
            return new KeyedHistoricalClv<TKey>(keys, Historical(rows, amounts, averageGrossMargin));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indexes);
        }
    }
}
