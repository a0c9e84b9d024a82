using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Historical CLV per customer over customer keys of any type: the <see cref="HistoricalClvByCustomer{T}.CustomerIds"/> of
/// <see cref="ByCustomer"/> are dense indexes into <see cref="Keys"/>, and each row reads its key back. Returned by
/// <see cref="Clv.Historical{TKey}(ReadOnlySpan{TKey}, ReadOnlySpan{decimal}, decimal, CustomerKeys{TKey})"/>.
/// </summary>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <remarks>Immutable; thread-safe to read.</remarks>
public sealed class KeyedHistoricalClv<TKey>
    where TKey : notnull, IEquatable<TKey>
{
    internal KeyedHistoricalClv(CustomerKeys<TKey> keys, HistoricalClvByCustomer<decimal> byCustomer)
    {
        Keys = keys;
        ByCustomer = byCustomer;
    }

    /// <summary>The key map; the per-customer ids index into it.</summary>
    public CustomerKeys<TKey> Keys { get; }

    /// <summary>The per-customer columns over dense indexes.</summary>
    public HistoricalClvByCustomer<decimal> ByCustomer { get; }

    /// <summary>The number of customers.</summary>
    public int Count => ByCustomer.Count;

    /// <summary>The whole log's historical CLV.</summary>
    public HistoricalClv<decimal> Total => ByCustomer.Total;

    /// <summary>The key of row <paramref name="row"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside 0..<see cref="Count"/> − 1.</exception>
    public TKey KeyAt(int row)
    {
        CheckRow(row);
        return Keys.KeyAt(ByCustomer.CustomerIds[row]);
    }

    /// <summary>Row <paramref name="row"/>: its customer key and its historical CLV (transactions, revenue, gross profit).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside 0..<see cref="Count"/> − 1.</exception>
    public KeyValuePair<TKey, HistoricalClv<decimal>> this[int row]
    {
        get
        {
            CheckRow(row);
            return new(Keys.KeyAt(ByCustomer.CustomerIds[row]), ByCustomer[row]);
        }
    }

    /// <summary>"KeyedHistoricalClv&lt;String&gt;: 3 customers, total …" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"KeyedHistoricalClv<{typeof(TKey).Name}>: {ByCustomer}");

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)ByCustomer.Count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(row), row, string.Create(CultureInfo.InvariantCulture, $"0 to {ByCustomer.Count - 1}"));
        }
    }
}
