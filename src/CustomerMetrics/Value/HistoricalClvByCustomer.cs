using System.Collections;
using System.Globalization;
using System.Numerics;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Historical CLV per customer over a transaction log: parallel columns in ascending customer id order, and the log's
/// total. Built by <see cref="Clv.Historical(ReadOnlySpan{int}, ReadOnlySpan{decimal}, decimal)"/> (exact decimal) or
/// <see cref="Clv.Historical(ReadOnlySpan{int}, ReadOnlySpan{double}, double)"/> (double, compensated sums).
/// </summary>
/// <typeparam name="T">The money type: <see cref="decimal"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// <para>A class: it owns one array per column (memory linear in customers). Immutable; thread-safe to read.</para>
/// <para>
/// Display: the result enumerates its rows as <see cref="HistoricalClvRow{T}"/> records (an <see cref="IReadOnlyList{T}"/>), so a .NET Interactive
/// (Jupyter or Polyglot) notebook lists it row by row, each row a record you can expand (<c>rows.ToTabularDataResource()</c>, from the
/// kernel's formatting library, shows a column table). The notebook formatter writes out only the first
/// <c>Formatter.ListExpansionLimit</c> items of a sequence (20 by default), so a large result shows its first rows; use LINQ (<c>.Skip(n).Take(k)</c>, <c>.OrderBy(...)</c>)
/// to look further. Enumerating allocates one enumerator and copies one row at a time; the columns stay the fast path.
/// <see cref="ToString"/> stays a one-line summary.
/// </para>
/// </remarks>
public sealed class HistoricalClvByCustomer<T> : IReadOnlyList<HistoricalClvRow<T>>
    where T : struct, INumber<T>
{
    private readonly int[] _ids;
    private readonly int[] _transactions;
    private readonly T[] _revenue;
    private readonly T[] _value;

    internal HistoricalClvByCustomer(int[] ids, int[] transactions, T[] revenue, T[] value, HistoricalClv<T> total)
    {
        _ids = ids;
        _transactions = transactions;
        _revenue = revenue;
        _value = value;
        Total = total;
    }

    /// <summary>The number of customers.</summary>
    public int Count => _ids.Length;

    /// <summary>Customer ids, ascending.</summary>
    public ReadOnlySpan<int> CustomerIds => _ids;

    /// <summary>Transactions per customer.</summary>
    public ReadOnlySpan<int> Transactions => _transactions;

    /// <summary>Revenue (sum of amounts) per customer, in currency units.</summary>
    public ReadOnlySpan<T> Revenue => _revenue;

    /// <summary>Historical CLV per customer: revenue × average gross margin (money).</summary>
    public ReadOnlySpan<T> Value => _value;

    /// <summary>The whole log as one result (equal to the sum of the per-customer results).</summary>
    public HistoricalClv<T> Total { get; }

    /// <summary>The result of the customer at <paramref name="index"/>.</summary>
    /// <param name="index">A position from 0 to <see cref="Count"/> − 1 (not a customer id).</param>
    /// <returns>That customer's result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..<see cref="Count"/> − 1.</exception>
    public HistoricalClv<T> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_ids.Length)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(index), index, string.Create(CultureInfo.InvariantCulture, $"0 to {Count - 1}"));
            }

            return new HistoricalClv<T>(_transactions[index], _revenue[index], _value[index]);
        }
    }

    /// <summary>The row at <paramref name="index"/> with its customer id (the public indexer returns the bare
    /// <see cref="HistoricalClv{T}"/>).</summary>
    /// <param name="index">Row index, 0 to <see cref="Count"/> − 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the rows.</exception>
    HistoricalClvRow<T> IReadOnlyList<HistoricalClvRow<T>>.this[int index] => RowAt(index);

    /// <summary>Enumerates the rows in ascending customer id order.</summary>
    /// <returns>An enumerator over <see cref="Count"/> rows; none for an empty log.</returns>
    public IEnumerator<HistoricalClvRow<T>> GetEnumerator()
    {
        for (int i = 0; i < _ids.Length; i++)
        {
            yield return RowAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private HistoricalClvRow<T> RowAt(int index)
    {
        HistoricalClv<T> row = this[index];
        return new HistoricalClvRow<T>(_ids[index], _transactions[index], row.Revenue, row.Value);
    }

    /// <summary>Formats as <c>HistoricalClvByCustomer: 3 customers, total Historical CLV …</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"HistoricalClvByCustomer: {Count} customers, total {Total}");
}
