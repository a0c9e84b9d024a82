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
/// <remarks>A class: it owns one array per column (memory linear in customers). Immutable; thread-safe to read.</remarks>
public sealed class HistoricalClvByCustomer<T>
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

    /// <summary>Formats as <c>HistoricalClvByCustomer: 3 customers, total Historical CLV …</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"HistoricalClvByCustomer: {Count} customers, total {Total}");
}
