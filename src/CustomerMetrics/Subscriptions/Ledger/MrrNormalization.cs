using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Normalisation of a subscription price to monthly recurring revenue (MRR), the rule every vendor states the same way
/// (ChartMogul, <i>How MRR is calculated</i>; Stripe, <i>MRR</i>; Baremetrics, <i>MRR</i>): a yearly price ÷ 12, a quarterly
/// price ÷ 3, a weekly price × 52 ÷ 12, a daily price × 365 ÷ 12, a price every n months ÷ n. Exact <c>decimal</c>
/// arithmetic (28 significant digits).
/// </summary>
public static class MrrNormalization
{
    /// <summary>The factor that turns a price per billing period into MRR.</summary>
    /// <param name="interval">The billing interval's unit.</param>
    /// <param name="intervalCount">Units per billing period, ≥ 1.</param>
    /// <returns>MRR per unit of price: 1/12 for a year, 1/3 for a quarter, 52/12 for a week, 365/12 for a day, 1/n for n months.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not defined or the count is below 1.</exception>
    public static decimal MonthlyFactor(BillingInterval interval, int intervalCount)
    {
        (decimal numerator, decimal denominator) = Ratio(interval, intervalCount);
        return numerator / denominator;
    }

    /// <summary>The monthly factor as numerator and denominator (365/12, 52/12, 1/1, 1/3, 1/12, each denominator × count), so amounts are multiplied before they are divided.</summary>
    internal static (decimal Numerator, decimal Denominator) Ratio(BillingInterval interval, int intervalCount)
    {
        if (intervalCount < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(intervalCount), intervalCount, "counts ≥ 1");
        }

        (decimal numerator, decimal denominator) = interval switch
        {
            BillingInterval.Day => (365m, 12m),
            BillingInterval.Week => (52m, 12m),
            BillingInterval.Month => (1m, 1m),
            BillingInterval.Quarter => (1m, 3m),
            BillingInterval.Year => (1m, 12m),
            _ => (-1m, 1m),
        };
        if (numerator < 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(interval), (long)interval, "Day, Week, Month, Quarter or Year");
        }

        return (numerator, denominator * intervalCount);
    }

    /// <summary>MRR of a price per billing period: price × <see cref="MonthlyFactor(BillingInterval, int)"/>.</summary>
    /// <param name="price">Price per billing period, currency units, ≥ 0.</param>
    /// <param name="interval">The billing interval's unit.</param>
    /// <param name="intervalCount">Units per billing period, ≥ 1.</param>
    /// <returns>Monthly recurring revenue, currency units per month.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative price, an undefined interval or a count below 1.</exception>
    public static decimal ToMonthly(decimal price, BillingInterval interval, int intervalCount = 1)
    {
        Guard.NonNegative(price);
        (decimal numerator, decimal denominator) = Ratio(interval, intervalCount);
        return price * numerator / denominator;
    }
}
