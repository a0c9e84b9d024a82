using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Formula (predictive) customer lifetime value CLV = T × AOV × AGM × ALT: average transactions per month,
/// average order value, average gross margin and average customer lifetime in months (the textbook formula, e.g.
/// Kumar &amp; Reinartz, <i>Customer Relationship Management</i>, and the "simple CLV" of marketing analytics courses).
/// Built by <see cref="Clv.Predictive(double, double, double, double)"/> or estimated from a log.
/// </summary>
/// <remarks>
/// <para>Units: ALT is in <b>months</b> because T is per month; the product T × ALT is the number of transactions over
/// a lifetime only when both use the same period. Some sources define ALT as "average customer age (lifespan) in
/// years": passing years here with T per month gives a CLV 12 times too small (a 3-year lifetime passed as 3 counts
/// 3 months). Multiply years by 12 (or derive ALT from a monthly churn rate with
/// <see cref="Subscriptions.Churn.Lifetime(double)"/>, which returns months for a monthly rate).</para>
/// A derived value, not sufficient statistics: it has no <c>+</c>; merge the logs (or the historical results) instead.
/// <c>default</c> (lifetime 0) is not a valid value and does not read back from JSON: a lifetime is positive.
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct PredictiveClv
{
    /// <summary>Creates a formula CLV from its four inputs; the JSON constructor.</summary>
    /// <param name="transactionsPerMonth">T: average transactions per customer per month, finite and ≥ 0; NaN only together with <paramref name="averageOrderValue"/> (an empty log).</param>
    /// <param name="averageOrderValue">AOV: average money per transaction, finite (negative when refunds outweigh sales); NaN only together with <paramref name="transactionsPerMonth"/>.</param>
    /// <param name="averageGrossMargin">AGM: gross margin as a fraction in [0, 1].</param>
    /// <param name="averageLifetimeMonths">ALT: average customer lifetime in months (not years: multiply years by 12), finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside its range (the message names it and its value).</exception>
    [JsonConstructor]
    public PredictiveClv(double transactionsPerMonth, double averageOrderValue, double averageGrossMargin, double averageLifetimeMonths)
    {
        if (!(double.IsNaN(transactionsPerMonth) && double.IsNaN(averageOrderValue)))
        {
            Guard.NonNegativeFinite(transactionsPerMonth);
            Guard.Finite(averageOrderValue);
        }

        Guard.Fraction(averageGrossMargin);
        Guard.PositiveFinite(averageLifetimeMonths);
        TransactionsPerMonth = transactionsPerMonth;
        AverageOrderValue = averageOrderValue;
        AverageGrossMargin = averageGrossMargin;
        AverageLifetimeMonths = averageLifetimeMonths;
    }

    /// <summary>T: average transactions per customer per month (≥ 0; NaN when estimated from an empty log).</summary>
    public double TransactionsPerMonth { get; }

    /// <summary>AOV: average money per transaction (NaN when estimated from an empty log).</summary>
    public double AverageOrderValue { get; }

    /// <summary>AGM: gross margin as a fraction in [0, 1].</summary>
    public double AverageGrossMargin { get; }

    /// <summary>ALT: average customer lifetime in months (&gt; 0).</summary>
    public double AverageLifetimeMonths { get; }

    /// <summary>CLV = T × AOV × AGM × ALT, in money per customer; NaN when T or AOV is NaN (an empty log).</summary>
    public double Value => TransactionsPerMonth * AverageOrderValue * AverageGrossMargin * AverageLifetimeMonths;

    /// <summary>Gross profit per customer per month, T × AOV × AGM.</summary>
    public double MonthlyGrossProfit => TransactionsPerMonth * AverageOrderValue * AverageGrossMargin;

    /// <summary>"Predictive CLV 540.00 = 2 /month × 45.00 × 0.3 × 20 months" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Predictive CLV {Value:0.00} = {TransactionsPerMonth:0.####} /month × {AverageOrderValue:0.00} × {AverageGrossMargin:0.####} × {AverageLifetimeMonths:0.##} months");
}
