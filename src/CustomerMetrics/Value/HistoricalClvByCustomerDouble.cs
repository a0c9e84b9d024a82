using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Historical CLV per customer over a transaction log, in <see cref="double"/> money, each customer summed with Neumaier compensation: parallel columns in
/// ascending customer id order, and the log's total.
/// </summary>
/// <remarks>A class: it owns one array per column (memory linear in customers). Immutable; thread-safe to read.</remarks>
public sealed class HistoricalClvByCustomerDouble
{
    private readonly int[] _ids;
    private readonly int[] _transactions;
    private readonly double[] _revenue;
    private readonly double[] _value;

    internal HistoricalClvByCustomerDouble(int[] ids, int[] transactions, double[] revenue, double[] value, HistoricalClvDouble total)
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

    /// <summary>Revenue (sum of amounts) per customer.</summary>
    public ReadOnlySpan<double> Revenue => _revenue;

    /// <summary>Historical CLV per customer: revenue × average gross margin (money).</summary>
    public ReadOnlySpan<double> Value => _value;

    /// <summary>The whole log as one result (equal to the sum of the per-customer results).</summary>
    public HistoricalClvDouble Total { get; }

    /// <summary>The result of the customer at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..<see cref="Count"/> − 1.</exception>
    public HistoricalClvDouble this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_ids.Length)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(index), index, string.Create(CultureInfo.InvariantCulture, $"0 to {Count - 1}"));
            }

            return new HistoricalClvDouble(_transactions[index], _revenue[index], _value[index]);
        }
    }

    /// <summary>"HistoricalClvByCustomerDouble: 3 customers, total Historical CLV …".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"HistoricalClvByCustomerDouble: {Count} customers, total {Total}");
}
