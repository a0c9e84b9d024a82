using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value;

/// <summary>
/// Customer lifetime value by the three deterministic formulas: historical (the margin on past revenue),
/// predictive (T × AOV × AGM × ALT) and retention-based (m × r / (1 + d − r) and its finite-horizon sum).
/// Static and pure; the span overloads do not allocate except for the per-customer result columns.
/// </summary>
/// <remarks>
/// Money is <see cref="decimal"/> in the exact overloads and <see cref="double"/> in the fast ones (Neumaier-compensated sums). Margins are fractions in [0, 1]: a negative or above-one margin is rejected because it
/// is almost always a percentage passed as a number (30 instead of 0.30). Negative amounts are refunds and net
/// against revenue.
/// </remarks>
public static partial class Clv
{
    /// <summary>
    /// Historical CLV of one customer in exact money: (transaction 1 + … + transaction n) × average gross margin.
    /// </summary>
    /// <param name="amounts">The customer's transaction amounts (negative for refunds).</param>
    /// <param name="averageGrossMargin">Average gross margin as a fraction in [0, 1].</param>
    /// <returns>Transactions, revenue and gross profit; all zero for an empty span.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The margin is outside [0, 1].</exception>
    /// <exception cref="OverflowException">The revenue exceeds the <see cref="decimal"/> range.</exception>
    public static HistoricalClv<decimal> Historical(ReadOnlySpan<decimal> amounts, decimal averageGrossMargin)
    {
        Guard.Fraction(averageGrossMargin);
        decimal revenue = 0;
        foreach (decimal amount in amounts)
        {
            revenue += amount;
        }

        return new HistoricalClv<decimal>(amounts.Length, revenue, revenue * averageGrossMargin);
    }

    /// <summary>
    /// Historical CLV of one customer (or of any set of amounts) in double money, summed with Neumaier compensation
    /// in vector lanes (exact in practice, also on alternating large ± amounts) at memory speed.
    /// </summary>
    /// <param name="amounts">Transaction amounts (negative for refunds); each must be finite.</param>
    /// <param name="averageGrossMargin">Average gross margin as a fraction in [0, 1].</param>
    /// <returns>Transactions, revenue and gross profit; all zero for an empty span.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The margin is outside [0, 1], or an amount is NaN or infinite (the message names its index).</exception>
    /// <exception cref="OverflowException">The sum of the finite amounts exceeds the double range (as a decimal sum would throw).</exception>
    public static HistoricalClv<double> Historical(ReadOnlySpan<double> amounts, double averageGrossMargin)
    {
        Guard.Fraction(averageGrossMargin);
        double revenue = FiniteRevenue(amounts);
        return new HistoricalClv<double>(amounts.Length, revenue, revenue * averageGrossMargin);
    }

    /// <summary>
    /// Historical CLV per customer over a transaction log, in exact money. Rows need not be sorted.
    /// </summary>
    /// <param name="customerIds">Customer id of each transaction.</param>
    /// <param name="amounts">Amount of each transaction (negative for refunds).</param>
    /// <param name="averageGrossMargin">Average gross margin as a fraction in [0, 1], applied to every customer.</param>
    /// <returns>One entry per customer in ascending id order, and the total; empty for an empty log.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin is outside [0, 1].</exception>
    /// <exception cref="OverflowException">A revenue exceeds the <see cref="decimal"/> range.</exception>
    public static HistoricalClvByCustomer<decimal> Historical(ReadOnlySpan<int> customerIds, ReadOnlySpan<decimal> amounts,
        decimal averageGrossMargin)
    {
        Guard.SameLength(customerIds.Length, amounts.Length);
        Guard.Fraction(averageGrossMargin);
        using CustomerIndex index = CustomerIndex.Build(customerIds, default, int.MaxValue);
        var transactions = new int[index.Count];
        var revenue = new decimal[index.Count];
        decimal total = 0;
        for (int i = 0; i < customerIds.Length; i++)
        {
            int k = index.IndexOf(customerIds[i]);
            transactions[k]++;
            revenue[k] += amounts[i];
            total += amounts[i];
        }

        var value = new decimal[index.Count];
        for (int k = 0; k < value.Length; k++)
        {
            value[k] = revenue[k] * averageGrossMargin;
        }

        return new HistoricalClvByCustomer<decimal>(index.Ids, transactions, revenue, value,
            new HistoricalClv<decimal>(customerIds.Length, total, total * averageGrossMargin));
    }

    /// <summary>
    /// Historical CLV per customer over a transaction log, in double money: each customer's revenue is summed with
    /// Neumaier compensation (exact in practice), the total likewise. Rows need not be sorted.
    /// </summary>
    /// <param name="customerIds">Customer id of each transaction.</param>
    /// <param name="amounts">Amount of each transaction (negative for refunds); each must be finite.</param>
    /// <param name="averageGrossMargin">Average gross margin as a fraction in [0, 1], applied to every customer.</param>
    /// <returns>One entry per customer in ascending id order, and the total; empty for an empty log.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin is outside [0, 1], or an amount is NaN or infinite (the message names its index).</exception>
    /// <exception cref="OverflowException">A customer's or the log's revenue exceeds the double range (as a decimal sum would throw).</exception>
    public static HistoricalClvByCustomer<double> Historical(ReadOnlySpan<int> customerIds, ReadOnlySpan<double> amounts,
        double averageGrossMargin)
    {
        Guard.SameLength(customerIds.Length, amounts.Length);
        Guard.Fraction(averageGrossMargin);
        double total = FiniteRevenue(amounts);
        using CustomerIndex index = CustomerIndex.Build(customerIds, default, int.MaxValue);
        var transactions = new int[index.Count];
        var revenue = new double[index.Count];
        var compensation = new double[index.Count];
        for (int i = 0; i < customerIds.Length; i++)
        {
            int k = index.IndexOf(customerIds[i]);
            transactions[k]++;
            CompensatedSum.Add(ref revenue[k], ref compensation[k], amounts[i]);
        }

        var value = new double[index.Count];
        for (int k = 0; k < value.Length; k++)
        {
            revenue[k] = Guard.FiniteSum(revenue[k] + compensation[k], "A customer's revenue");
            value[k] = revenue[k] * averageGrossMargin;
        }

        return new HistoricalClvByCustomer<double>(index.Ids, transactions, revenue, value,
            new HistoricalClv<double>(customerIds.Length, total, total * averageGrossMargin));
    }

    /// <summary>
    /// Predictive (formula) CLV = T × AOV × AGM × ALT from its four inputs.
    /// </summary>
    /// <param name="transactionsPerMonth">T: average transactions per customer per month, finite and ≥ 0.</param>
    /// <param name="averageOrderValue">AOV: average money per transaction, finite and ≥ 0.</param>
    /// <param name="averageGrossMargin">AGM: gross margin as a fraction in [0, 1].</param>
    /// <param name="averageLifetimeMonths">ALT: average customer lifetime in months to match T per month, finite and &gt; 0
    /// (from a monthly churn rate: <see cref="Subscriptions.Churn.Lifetime(double)"/>). Not years: sources that define ALT
    /// as "average customer age in years" would give a CLV 12 times too small here; multiply years by 12.</param>
    /// <returns>The inputs; <see cref="PredictiveClv.Value"/> is the CLV in money per customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is outside its range (the message names it and its value).</exception>
    public static PredictiveClv Predictive(double transactionsPerMonth, double averageOrderValue, double averageGrossMargin,
        double averageLifetimeMonths)
    {
        Guard.NonNegativeFinite(averageOrderValue);
        return new PredictiveClv(transactionsPerMonth, averageOrderValue, averageGrossMargin, averageLifetimeMonths);
    }

    /// <summary>
    /// Predictive (formula) CLV with T and AOV estimated from a transaction log over an observation window:
    /// T = transactions ÷ distinct customers ÷ window length in months (days ÷ 30.4375, both ends inclusive);
    /// AOV = revenue ÷ transactions (compensated double sum). Every row is one transaction.
    /// </summary>
    /// <param name="customerIds">Customer id of each transaction.</param>
    /// <param name="dates">Date of each transaction; all must lie in the window.</param>
    /// <param name="amounts">Amount of each transaction (negative for refunds); each must be finite.</param>
    /// <param name="windowStart">First day of the observation window.</param>
    /// <param name="windowEnd">Last day of the observation window (≥ <paramref name="windowStart"/>).</param>
    /// <param name="averageGrossMargin">AGM as a fraction in [0, 1].</param>
    /// <param name="averageLifetimeMonths">ALT in months (&gt; 0; years × 12, never years), given or from a monthly churn rate with <see cref="Subscriptions.Churn.Lifetime(double)"/>.</param>
    /// <returns>The estimated inputs; T and AOV (and so the value) are NaN for an empty log.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or the window ends before it starts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the window (the message names its index and value), an amount is not finite, or the margin or lifetime is out of range.</exception>
    /// <exception cref="OverflowException">The sum of the finite amounts exceeds the double range.</exception>
    public static PredictiveClv Predictive(ReadOnlySpan<int> customerIds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts,
        DateOnly windowStart, DateOnly windowEnd, double averageGrossMargin, double averageLifetimeMonths)
    {
        Guard.SameLength(customerIds.Length, dates.Length);
        Guard.SameLength(customerIds.Length, amounts.Length);
        Guard.Fraction(averageGrossMargin);
        Guard.PositiveFinite(averageLifetimeMonths);
        if (windowEnd < windowStart)
        {
            ThrowHelper.Argument(nameof(windowEnd), string.Create(CultureInfo.InvariantCulture,
                $"windowEnd {windowEnd:yyyy-MM-dd} is before windowStart {windowStart:yyyy-MM-dd}."));
        }

        for (int i = 0; i < dates.Length; i++)
        {
            if (dates[i] < windowStart || dates[i] > windowEnd)
            {
                ThrowHelper.DateOutOfRange(nameof(dates), i, dates[i], windowStart, windowEnd);
            }
        }

        double revenue = FiniteRevenue(amounts);

        using CustomerIndex index = CustomerIndex.Build(customerIds, default, int.MaxValue);
        double months = (windowEnd.DayNumber - windowStart.DayNumber + 1) / PeriodUnit.DaysPerMonth;
        double perMonth = index.Count == 0 ? double.NaN : customerIds.Length / (double)index.Count / months;
        double aov = customerIds.Length == 0 ? double.NaN : revenue / customerIds.Length;
        return new PredictiveClv(perMonth, aov, averageGrossMargin, averageLifetimeMonths);
    }

    /// <summary>
    /// Retention-based CLV over an infinite horizon: m × r / (1 + d − r) (Gupta &amp; Lehmann 2003), the first margin
    /// received at the end of period 1.
    /// </summary>
    /// <param name="marginPerPeriod">m: gross margin per customer per period (money, finite; may be negative).</param>
    /// <param name="retentionRate">r: retention per period as a fraction in [0, 1).</param>
    /// <param name="discountRate">d: discount rate per period, &gt; −1 and with r &lt; 1 + d (otherwise the sum diverges).</param>
    /// <returns>The inputs and the value (<see cref="RetentionClv.Value"/>, money per customer).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range (the message names it and its value).</exception>
    public static RetentionClv RetentionBased(double marginPerPeriod, double retentionRate, double discountRate) =>
        new(marginPerPeriod, retentionRate, discountRate, null);

    /// <summary>
    /// Retention-based CLV over a finite horizon of <paramref name="periods"/> periods: Σₜ₌₁ᴺ m (r / (1 + d))ᵗ.
    /// </summary>
    /// <param name="marginPerPeriod">m: gross margin per customer per period (money, finite; may be negative).</param>
    /// <param name="retentionRate">r: retention per period as a fraction in [0, 1).</param>
    /// <param name="discountRate">d: discount rate per period, &gt; −1.</param>
    /// <param name="periods">N: the horizon in periods, ≥ 0 (0 gives 0).</param>
    /// <returns>The inputs and the value (money per customer).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range (the message names it and its value).</exception>
    public static RetentionClv RetentionBased(double marginPerPeriod, double retentionRate, double discountRate, int periods)
    {
        Guard.NonNegative(periods);
        return new(marginPerPeriod, retentionRate, discountRate, periods);
    }

    /// <summary>
    /// The what-if of the retention literature: how much retention-based CLV a gain of <paramref name="retentionGain"/>
    /// <b>points</b> adds (0.05 = 5 percentage points: r = 0.80 becomes 0.85) (Reichheld &amp; Sasser 1990; Gupta,
    /// Lehmann &amp; Stuart 2004). The sources say "a 5 % increase in retention" without saying whether they mean points
    /// or a relative 5 % (0.80 → 0.84); for the relative reading use <see cref="RetentionWhatIfRelative"/>. The two
    /// differ by a factor r in the gain, so state which one a figure uses.
    /// </summary>
    /// <param name="marginPerPeriod">m: gross margin per customer per period (money).</param>
    /// <param name="retentionRate">r: current retention per period, in [0, 1).</param>
    /// <param name="discountRate">d: discount rate per period, &gt; −1.</param>
    /// <param name="retentionGain">Δ: added retention in points as a fraction (default 0.05); r + Δ must stay in [0, 1).</param>
    /// <param name="periods">Finite horizon in periods, or <c>null</c> (default) for the infinite horizon.</param>
    /// <returns>Both CLVs, the gain and the relative gain.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range, or r + Δ falls outside [0, 1).</exception>
    public static RetentionWhatIf RetentionWhatIf(double marginPerPeriod, double retentionRate, double discountRate,
        double retentionGain = 0.05, int? periods = null)
    {
        Guard.Finite(retentionGain);
        double improved = retentionRate + retentionGain;
        if (!(improved >= 0 && improved < 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(retentionGain), retentionGain, string.Create(CultureInfo.InvariantCulture,
                $"gains keeping r + gain in [0, 1) (r = {retentionRate:R})"));
        }

        return periods is { } n
            ? new RetentionWhatIf(RetentionBased(marginPerPeriod, retentionRate, discountRate, n),
                RetentionBased(marginPerPeriod, improved, discountRate, n))
            : new RetentionWhatIf(RetentionBased(marginPerPeriod, retentionRate, discountRate),
                RetentionBased(marginPerPeriod, improved, discountRate));
    }

    /// <summary>
    /// The retention what-if with a <b>relative</b> gain: r becomes r × (1 + <paramref name="relativeGain"/>)
    /// (0.05 = +5 % of r: 0.80 → 0.84). The points reading (0.80 → 0.85) is <see cref="RetentionWhatIf"/>; the sources'
    /// "5 % more retention" is ambiguous between the two.
    /// </summary>
    /// <param name="marginPerPeriod">m: gross margin per customer per period (money).</param>
    /// <param name="retentionRate">r: current retention per period, in [0, 1).</param>
    /// <param name="discountRate">d: discount rate per period, &gt; −1.</param>
    /// <param name="relativeGain">g: relative change of r as a fraction (default 0.05, finite, ≥ −1); r × (1 + g) must stay in [0, 1).</param>
    /// <param name="periods">Finite horizon in periods, or <c>null</c> (default) for the infinite horizon.</param>
    /// <returns>Both CLVs; <see cref="Value.RetentionWhatIf.RetentionGain"/> is the gain in points, r × g.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range, or r × (1 + g) falls outside [0, 1).</exception>
    public static RetentionWhatIf RetentionWhatIfRelative(double marginPerPeriod, double retentionRate, double discountRate,
        double relativeGain = 0.05, int? periods = null)
    {
        Guard.Finite(relativeGain);
        Guard.Fraction(retentionRate);
        double improved = retentionRate * (1 + relativeGain);
        if (!(relativeGain >= -1 && improved < 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(relativeGain), relativeGain, string.Create(CultureInfo.InvariantCulture,
                $"gains ≥ −1 keeping r × (1 + gain) below 1 (r = {retentionRate:R})"));
        }

        return RetentionWhatIf(marginPerPeriod, retentionRate, discountRate, improved - retentionRate, periods);
    }

    /// <summary>The compensated sum of the amounts; names the first non-finite amount, or throws <see cref="OverflowException"/> when finite amounts overflow.</summary>
    private static double FiniteRevenue(ReadOnlySpan<double> amounts)
    {
        double revenue = CompensatedSum.Sum(amounts);
        if (!double.IsFinite(revenue))
        {
            Guard.AllFinite(amounts);
            ThrowHelper.Overflow("The sum of the amounts exceeds the double range.");
        }

        return revenue;
    }
}
