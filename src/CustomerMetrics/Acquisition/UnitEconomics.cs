using CustomerMetrics.Internal;

namespace CustomerMetrics.Acquisition;

/// <summary>
/// Acquisition ratios of SaaS unit economics: CAC, simple LTV, LTV:CAC, CAC payback and the
/// acquisition-to-retention cost ratio. Money is in the caller's currency units (double: these are ratios of a
/// handful of inputs, not sums); ARPA and churn must use the same period (monthly ARPA with monthly churn).
/// </summary>
/// <remarks>
/// Sources: David Skok, <i>SaaS Metrics 2.0 – A Guide to Measuring and Improving what Matters</i> (For Entrepreneurs):
/// CAC, LTV = ARPA × gross margin ÷ churn, LTV:CAC ≥ 3 as the rule of thumb, months to recover CAC =
/// CAC ÷ (ARPA × gross margin). For the acquisition-to-retention ratio sources quote different figures, not one:
/// 5× (the single figure most often repeated, usually traced to Bain &amp; Company's retention work), 5–7× (marketing
/// texts and vendor articles), and 5–25× (Gallo, <i>The Value of Keeping the Right Customers</i>, Harvard Business
/// Review, 2014: "anywhere from five to 25 times", depending on the study and industry). Measure your own.
/// <para>A zero denominator is never reported as 0 or as a silent infinity: a zero new-customer count gives NaN
/// (<see cref="Cac"/>); a zero churn, zero margin, zero ARPA or zero CAC where it divides throws
/// <see cref="ArgumentOutOfRangeException"/> with a message saying why the ratio is unbounded.</para>
/// <para><threadsafety static="true" instance="true"/> All members are pure.</para>
/// </remarks>
public static class UnitEconomics
{
    /// <summary>LTV:CAC of at least 3 is the usual rule of thumb for a healthy SaaS business (Skok).</summary>
    public const double HealthyLtvToCac = 3;

    /// <summary>Customer acquisition cost = spend ÷ new customers (see <see cref="AcquisitionCost.Cac"/>).</summary>
    /// <param name="spend">Sales and marketing spend, currency units, ≥ 0.</param>
    /// <param name="newCustomers">Customers acquired with that spend, ≥ 0.</param>
    /// <returns>CAC in currency units per customer; <see cref="double.NaN"/> when <paramref name="newCustomers"/> is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative.</exception>
    public static double Cac(decimal spend, long newCustomers) => AcquisitionCost.Create(spend, newCustomers).Cac;

    /// <summary>Simple customer lifetime value = ARPA × gross margin ÷ churn (Skok).</summary>
    /// <param name="arpa">Average revenue per account per period, currency units, finite and ≥ 0.</param>
    /// <param name="grossMargin">Gross margin, a fraction in [0, 1]; 0 gives an LTV of 0 (no margin to earn).</param>
    /// <param name="churnRate">Churn per period (the same period as ARPA), a fraction in (0, 1].</param>
    /// <returns>LTV in currency units per customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="churnRate"/> is 0 (the lifetime, hence the LTV, is unbounded), or any input is outside its
    /// range or not finite.
    /// </exception>
    public static double SimpleLtv(double arpa, double grossMargin, double churnRate)
    {
        Guard.NonNegativeFinite(arpa);
        Guard.Fraction(grossMargin);
        Guard.PositiveFraction(churnRate, "with a churn of 0 the lifetime value is unbounded");

        return arpa * grossMargin / churnRate;
    }

    /// <summary>LTV:CAC, the lifetime value earned per unit of acquisition cost (healthy at ≥ <see cref="HealthyLtvToCac"/>).</summary>
    /// <param name="ltv">Customer lifetime value, currency units, finite and ≥ 0.</param>
    /// <param name="cac">Customer acquisition cost, currency units, finite and &gt; 0.</param>
    /// <returns>The ratio (dimensionless, 3 means "3 : 1").</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cac"/> is 0 (free acquisition: the ratio is
    /// unbounded), negative, NaN or infinite, or <paramref name="ltv"/> is negative or not finite.</exception>
    public static double LtvToCac(double ltv, double cac)
    {
        Guard.NonNegativeFinite(ltv);
        Guard.PositiveFinite(cac, "a CAC of 0 makes the ratio unbounded");
        return ltv / cac;
    }

    /// <summary>CAC payback: the periods of gross-margin revenue it takes to recover CAC = CAC ÷ (ARPA × gross margin) (Skok).</summary>
    /// <param name="cac">Customer acquisition cost, currency units, finite and ≥ 0.</param>
    /// <param name="arpa">Average revenue per account per period (monthly for months), finite and &gt; 0.</param>
    /// <param name="grossMargin">Gross margin, a fraction in (0, 1].</param>
    /// <returns>The payback in ARPA's periods: months for a monthly ARPA.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="arpa"/> or <paramref name="grossMargin"/> is 0
    /// (the CAC is never paid back), or an input is outside its range or not finite.</exception>
    public static double CacPaybackMonths(double cac, double arpa, double grossMargin)
    {
        Guard.NonNegativeFinite(cac);
        Guard.PositiveFinite(arpa, "with no revenue the CAC is never paid back");
        Guard.PositiveFraction(grossMargin, "with no margin the CAC is never paid back");

        return cac / (arpa * grossMargin);
    }

    /// <summary>
    /// Acquisition-to-retention cost ratio: what it costs to win a customer against what it costs to keep one for the
    /// same period. Sources quote 5×, 5–7× or 5–25× (Gallo, HBR 2014) depending on study and industry (see the type's
    /// remarks); this computes yours from your costs rather than assuming one.
    /// </summary>
    /// <param name="costToAcquire">Cost to acquire one customer (CAC), currency units, finite and ≥ 0.</param>
    /// <param name="costToRetain">Cost to retain one customer (retention spend ÷ customers retained), finite and &gt; 0.</param>
    /// <returns>The ratio (dimensionless, 5 means acquiring costs five times as much as retaining).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="costToRetain"/> is 0 (unbounded ratio), or an
    /// input is negative or not finite.</exception>
    public static double AcquisitionToRetentionCostRatio(double costToAcquire, double costToRetain)
    {
        Guard.NonNegativeFinite(costToAcquire);
        Guard.PositiveFinite(costToRetain, "a retention cost of 0 makes the ratio unbounded");
        return costToAcquire / costToRetain;
    }
}
