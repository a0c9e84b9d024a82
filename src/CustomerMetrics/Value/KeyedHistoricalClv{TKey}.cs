using System.Collections;
using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Historical CLV per customer over customer keys of any type: the <see cref="HistoricalClvByCustomer{T}.CustomerIds"/> of
/// <see cref="ByCustomer"/> are dense indexes into <see cref="Keys"/>, and each row reads its key back. Returned by
/// <see cref="Clv.Historical{TKey}(ReadOnlySpan{TKey}, ReadOnlySpan{decimal}, decimal, CustomerKeys{TKey})"/>.
/// </summary>
/// <typeparam name="TKey">The customer key type.</typeparam>
/// <remarks>
/// <para>Immutable; thread-safe to read.</para>
/// <para>
/// Display: the keyed result enumerates its rows as <see cref="KeyedHistoricalClvRow{TKey}"/> records (an <see cref="IReadOnlyList{T}"/>), so a .NET Interactive
/// (Jupyter or Polyglot) notebook lists it row by row, each row a record you can expand (<c>rows.ToTabularDataResource()</c>, from the
/// kernel's formatting library, shows a column table). The notebook formatter writes out only the first
/// <c>Formatter.ListExpansionLimit</c> items of a sequence (20 by default), so a large result shows its first rows; use LINQ (<c>.Skip(n).Take(k)</c>, <c>.OrderBy(...)</c>)
/// to look further. Enumerating allocates one enumerator and copies one row at a time; the columns stay the fast path.
/// <see cref="ToString"/> stays a one-line summary.
/// </para>
/// </remarks>
public sealed class KeyedHistoricalClv<TKey> : IReadOnlyList<KeyedHistoricalClvRow<TKey>>
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

    /// <summary>The row at <paramref name="row"/> flattened with its key (the public indexer returns a key–value pair).</summary>
    /// <param name="row">Row index, 0 to <see cref="Count"/> − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the rows.</exception>
    KeyedHistoricalClvRow<TKey> IReadOnlyList<KeyedHistoricalClvRow<TKey>>.this[int row] => RowAt(row);

    /// <summary>Enumerates the rows in ascending customer id order, each flattened with its key.</summary>
    /// <returns>An enumerator over <see cref="Count"/> rows; none for an empty log.</returns>
    public IEnumerator<KeyedHistoricalClvRow<TKey>> GetEnumerator()
    {
        for (int i = 0; i < ByCustomer.Count; i++)
        {
            yield return RowAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private KeyedHistoricalClvRow<TKey> RowAt(int row)
    {
        KeyValuePair<TKey, HistoricalClv<decimal>> pair = this[row];
        return new KeyedHistoricalClvRow<TKey>(pair.Key, ByCustomer.CustomerIds[row], ByCustomer.Transactions[row], pair.Value.Revenue, pair.Value.Value);
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
