using CustomerMetrics.Internal;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Logo (customer) churn rates and their conversion between period lengths. Rates are fractions (0.05 = 5 %) per
/// period; the period is whatever the counts cover (a month, a year), the caller's unit.
/// </summary>
/// <remarks>
/// Sources: ChartMogul, <i>Customer Churn Rate</i> (lost ÷ customers at start); Baremetrics, <i>User Churn</i>
/// (same); Stripe Billing, <i>Subscriber churn rate</i> (lost ÷ (start + new)). Compounding: a constant per-period
/// churn <c>c</c> over <c>k</c> periods loses <c>1 − (1 − c)^k</c> of the customers, so the annual rate of a
/// monthly churn <c>m</c> is <c>1 − (1 − m)^12</c> and the monthly rate of an annual churn <c>a</c> is
/// <c>1 − (1 − a)^(1/12)</c>.
/// <para><threadsafety static="true" instance="true"/> All members are pure.</para>
/// </remarks>
public static class Churn
{
    /// <summary>
    /// The logo churn rate of one period: customers lost ÷ the denominator the caller names.
    /// </summary>
    /// <param name="customersAtStart">Customers at the start of the period, ≥ 0.</param>
    /// <param name="customersLost">Customers lost during the period (including new customers lost within it), ≥ 0 and
    /// at most <paramref name="customersAtStart"/> + <paramref name="customersAcquired"/>.</param>
    /// <param name="customersAcquired">Customers acquired during the period, ≥ 0.</param>
    /// <param name="denominator">
    /// <see cref="ChurnDenominator.StartOfPeriod"/> (ChartMogul, Baremetrics) or <see cref="ChurnDenominator.StartPlusNew"/>
    /// (Stripe).
    /// </param>
    /// <returns>
    /// The churn rate as a fraction. <see cref="double.NaN"/> when the denominator is 0 (no customers to churn: the rate
    /// is undefined, never 0). With <see cref="ChurnDenominator.StartOfPeriod"/> it can exceed 1 when customers
    /// acquired in the period also leave within it.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or more customers were lost than there were
    /// (start + acquired), or <paramref name="denominator"/> is not a defined value.</exception>
    public static double Rate(long customersAtStart, long customersLost, long customersAcquired, ChurnDenominator denominator)
    {
        Guard.NonNegative(customersAtStart);
        Guard.NonNegative(customersLost);
        Guard.NonNegative(customersAcquired);
        long customers = Guard.Total("customersAtStart + customersAcquired", customersAtStart, customersAcquired);
        Guard.PartOf(customersLost, customers, wholeName: "customersAtStart + customersAcquired");

        Guard.Defined(denominator);
        long divisor = denominator == ChurnDenominator.StartOfPeriod ? customersAtStart : customers;
        return divisor == 0 ? double.NaN : (double)customersLost / divisor;
    }

    /// <summary>
    /// The churn over <paramref name="periods"/> periods of a constant per-period churn: <c>1 − (1 − rate)^periods</c>.
    /// <c>Compound(m, 12)</c> is the annual churn of a monthly churn <c>m</c>.
    /// </summary>
    /// <param name="ratePerPeriod">Churn per period, a fraction in [0, 1].</param>
    /// <param name="periods">Number of periods, finite and &gt; 0 (may be fractional).</param>
    /// <returns>The churn over the whole span, a fraction in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratePerPeriod"/> is outside [0, 1] or NaN, or
    /// <paramref name="periods"/> is not finite and positive.</exception>
    public static double Compound(double ratePerPeriod, double periods)
    {
        Guard.Fraction(ratePerPeriod);
        Guard.PositiveFinite(periods);
        // 1 − (1 − r)^k computed as −expm1(k · log1p(−r)) would be more accurate for tiny r; .NET has no expm1/log1p,
        // and for the rates of practice (≥ 1e-6) the direct form is accurate to ~1e-10 relative.
        return 1 - Math.Pow(1 - ratePerPeriod, periods);
    }

    /// <summary>
    /// The constant per-period churn that compounds to <paramref name="rateOverPeriods"/> over
    /// <paramref name="periods"/> periods: <c>1 − (1 − rate)^(1/periods)</c>. <c>PerPeriod(a, 12)</c> is the monthly
    /// churn of an annual churn <c>a</c>.
    /// </summary>
    /// <param name="rateOverPeriods">Churn over the whole span, a fraction in [0, 1].</param>
    /// <param name="periods">Number of periods in the span, finite and &gt; 0.</param>
    /// <returns>The churn per period, a fraction in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Compound"/>.</exception>
    public static double PerPeriod(double rateOverPeriods, double periods)
    {
        Guard.Fraction(rateOverPeriods);
        Guard.PositiveFinite(periods);
        return 1 - Math.Pow(1 - rateOverPeriods, 1 / periods);
    }

    /// <summary>Annual churn of a constant monthly churn: <c>1 − (1 − monthly)^12</c>.</summary>
    /// <param name="monthlyRate">Monthly churn, a fraction in [0, 1].</param>
    /// <returns>The annual churn, a fraction in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="monthlyRate"/> is outside [0, 1] or NaN.</exception>
    public static double AnnualFromMonthly(double monthlyRate)
    {
        Guard.Fraction(monthlyRate);
        return Compound(monthlyRate, 12);
    }

    /// <summary>Monthly churn of a constant annual churn: <c>1 − (1 − annual)^(1/12)</c>.</summary>
    /// <param name="annualRate">Annual churn, a fraction in [0, 1].</param>
    /// <returns>The monthly churn, a fraction in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="annualRate"/> is outside [0, 1] or NaN.</exception>
    public static double MonthlyFromAnnual(double annualRate)
    {
        Guard.Fraction(annualRate);
        return PerPeriod(annualRate, 12);
    }

    /// <summary>
    /// The expected customer lifetime, in periods, under a constant per-period churn: <c>1 ÷ churn</c> (the mean of a
    /// geometric lifetime), the "average customer lifetime" of the formula CLV (T × AOV × AGM × ALT): pass it as
    /// <c>averageLifetimeMonths</c> of <see cref="Value.Clv.Predictive(double, double, double, double)"/> for a monthly churn.
    /// </summary>
    /// <param name="churnRatePerPeriod">Churn per period, a fraction in (0, 1].</param>
    /// <returns>The expected lifetime in the rate's periods (months for a monthly churn), ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="churnRatePerPeriod"/> is 0 (with no churn the lifetime is unbounded: it is never reported as
    /// infinity or 0), negative, above 1 or NaN.
    /// </exception>
    public static double Lifetime(double churnRatePerPeriod)
    {
        Guard.PositiveFraction(churnRatePerPeriod, "a churn of 0 means an unbounded lifetime");

        return 1 / churnRatePerPeriod;
    }
}
