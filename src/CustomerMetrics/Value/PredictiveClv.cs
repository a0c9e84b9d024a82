using System.Globalization;

namespace CustomerMetrics.Value;

/// <summary>
/// Formula (predictive) customer lifetime value CLV = T × AOV × AGM × ALT: average transactions per month,
/// average order value, average gross margin and average customer lifetime in months (the textbook formula, e.g.
/// Kumar &amp; Reinartz, <i>Customer Relationship Management</i>, and the "simple CLV" of marketing analytics courses).
/// Built by <see cref="Clv.Predictive(double, double, double, double)"/> or estimated from a log.
/// </summary>
/// <param name="TransactionsPerMonth">T: average transactions per customer per month (≥ 0; NaN when estimated from an empty log).</param>
/// <param name="AverageOrderValue">AOV: average money per transaction (NaN when estimated from an empty log).</param>
/// <param name="AverageGrossMargin">AGM: gross margin as a fraction in [0, 1].</param>
/// <param name="AverageLifetimeMonths">ALT: average customer lifetime in months (&gt; 0).</param>
/// <remarks>A derived value, not sufficient statistics: it has no <c>+</c>; merge the logs (or the historical results) instead.</remarks>
public readonly record struct PredictiveClv(double TransactionsPerMonth, double AverageOrderValue, double AverageGrossMargin,
    double AverageLifetimeMonths)
{
    /// <summary>CLV = T × AOV × AGM × ALT, in money per customer; NaN when T or AOV is NaN (an empty log).</summary>
    public double Value => TransactionsPerMonth * AverageOrderValue * AverageGrossMargin * AverageLifetimeMonths;

    /// <summary>Gross profit per customer per month, T × AOV × AGM.</summary>
    public double MonthlyGrossProfit => TransactionsPerMonth * AverageOrderValue * AverageGrossMargin;

    /// <summary>"Predictive CLV 540.00 = 2 /month × 45.00 × 0.3 × 20 months" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Predictive CLV {Value:0.00} = {TransactionsPerMonth:0.####} /month × {AverageOrderValue:0.00} × {AverageGrossMargin:0.####} × {AverageLifetimeMonths:0.##} months");
}
