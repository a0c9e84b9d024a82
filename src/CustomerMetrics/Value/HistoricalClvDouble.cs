using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>
/// Historical customer lifetime value in <see cref="double"/> money for the fast paths: (transaction 1 + … +
/// transaction n) × average gross margin, with the revenue summed with Neumaier
/// compensation (vectorised). <c>default</c> is the empty result; two results merge with <c>+</c>.
/// </summary>
/// <param name="Transactions">Number of transactions.</param>
/// <param name="Revenue">Sum of the transaction amounts (refunds negative).</param>
/// <param name="GrossProfit">Revenue × average gross margin: the historical CLV.</param>
public readonly record struct HistoricalClvDouble(long Transactions, double Revenue, double GrossProfit)
{
    /// <summary>The historical CLV, revenue × average gross margin (money); 0 for no transactions.</summary>
    public double Value => GrossProfit;

    /// <summary>Average order value, revenue ÷ transactions; NaN when there are no transactions.</summary>
    public double AverageOrderValue => Transactions == 0 ? double.NaN : Revenue / Transactions;

    /// <summary>Effective gross margin, gross profit ÷ revenue, as a fraction; NaN when revenue is 0.</summary>
    public double AverageGrossMargin => Revenue == 0 ? double.NaN : GrossProfit / Revenue;

    /// <summary>Merges two results (associative and commutative up to double rounding; <c>default</c> is the identity).</summary>
    public static HistoricalClvDouble operator +(HistoricalClvDouble left, HistoricalClvDouble right) =>
        new(left.Transactions + right.Transactions, left.Revenue + right.Revenue, left.GrossProfit + right.GrossProfit);

    /// <summary>Merges two results; same as <c>+</c>.</summary>
    public static HistoricalClvDouble Add(HistoricalClvDouble left, HistoricalClvDouble right) => left + right;

    /// <summary>"Historical CLV 123.45 (3 transactions, revenue 411.5)" (invariant culture, 2 decimals for money).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Historical CLV {Value:0.##} ({Transactions} transactions, revenue {Revenue:0.##})");
}
