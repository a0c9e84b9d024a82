using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>
/// Historical customer lifetime value in exact <see cref="decimal"/> money: (transaction 1 + … + transaction n) ×
/// average gross margin, kept as sufficient statistics (transactions, revenue, gross profit).
/// <c>default</c> is the empty result; two results merge with <c>+</c> (the gross profits add, so parts computed with
/// different margins combine correctly).
/// </summary>
/// <param name="Transactions">Number of transactions.</param>
/// <param name="Revenue">Sum of the transaction amounts (refunds negative).</param>
/// <param name="GrossProfit">Revenue × average gross margin: the historical CLV.</param>
public readonly record struct HistoricalClv(long Transactions, decimal Revenue, decimal GrossProfit)
{
    /// <summary>The historical CLV, revenue × average gross margin (money), equal to <see cref="GrossProfit"/>; 0 for no transactions.</summary>
    public decimal Value => GrossProfit;

    /// <summary>Average order value, revenue ÷ transactions; <c>null</c> when there are no transactions.</summary>
    public decimal? AverageOrderValue => Transactions == 0 ? null : Revenue / Transactions;

    /// <summary>Effective gross margin, gross profit ÷ revenue, as a fraction; <c>null</c> when revenue is 0.</summary>
    public decimal? AverageGrossMargin => Revenue == 0 ? null : GrossProfit / Revenue;

    /// <summary>Merges two results (associative, commutative; <c>default</c> is the identity).</summary>
    public static HistoricalClv operator +(HistoricalClv left, HistoricalClv right) =>
        new(left.Transactions + right.Transactions, left.Revenue + right.Revenue, left.GrossProfit + right.GrossProfit);

    /// <summary>Merges two results; same as <c>+</c>.</summary>
    public static HistoricalClv Add(HistoricalClv left, HistoricalClv right) => left + right;

    /// <summary>"Historical CLV 123.45 (3 transactions, revenue 411.50)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Historical CLV {Value} ({Transactions} transactions, revenue {Revenue})");
}
