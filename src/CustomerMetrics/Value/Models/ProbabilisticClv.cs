using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Customer lifetime value from a BG/NBD purchase model and a Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005,
/// <i>RFM and CLV</i>): CLV = E[Z | x, z̄] · Σᵢ₌₁ᴴ (E[Y(i·k) | x, tₓ, T] − E[Y((i−1)·k) | x, tₓ, T]) / (1 + d)ⁱ, with H the
/// horizon in months, d the monthly discount rate and k the number of data time units per month
/// (from the <see cref="PeriodUnit"/> of the data, or given explicitly). Discounting is per period: each month's expected
/// purchases are discounted at the end of that month at (1 + d)⁻ⁱ, as in the <c>lifetimes</c> package.
/// </summary>
/// <remarks>
/// The value is revenue in the currency of the spend model, as <see cref="double"/>; multiply by your gross margin for
/// a profit-based CLV. Zero discount and H months give E[Z | x, z̄]·E[Y(H·k) | x, tₓ, T] exactly. The horizon is bounded
/// to <see cref="MaxMonths"/> (100 years): the cost is one BG/NBD expectation per customer and month.
/// Months per data unit: the default is <see cref="UnitsPerMonth(PeriodUnit)"/> (30.4375 days a month, so 4.348… weeks);
/// to reproduce <c>lifetimes</c>, which uses 4.345 weeks (or 30 days) a month, pass
/// <see cref="LifetimesWeeksPerMonth"/> (or 30) as <c>unitsPerMonth</c>.
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
/// </remarks>
public static partial class ProbabilisticClv
{
    /// <summary>The longest horizon accepted, in months (100 years); longer horizons throw.</summary>
    public const int MaxMonths = 1200;

    /// <summary>Weeks per month in the <c>lifetimes</c> package (4.345); pass it as <c>unitsPerMonth</c> to reproduce its CLV on weekly data.</summary>
    public const double LifetimesWeeksPerMonth = 4.345;

    /// <summary>
    /// Data time units in one month of <see cref="PeriodUnit.DaysPerMonth"/> (30.4375) days: 30.4375 days, 4.348… weeks,
    /// 1 month, or 30.4375 / n for n-day periods. (The <c>lifetimes</c> package uses 30 days and 4.345 weeks instead.)
    /// </summary>
    /// <param name="unit">The unit of the model's data, as in <see cref="RfmSummary.Unit"/>.</param>
    /// <returns>Units per month.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The unit has no length (a custom unit of 0 days).</exception>
    public static double UnitsPerMonth(PeriodUnit unit)
    {
        double days = unit.LengthInDays;
        if (!(days >= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(unit), days, "units of at least 1 day");
        }

        return PeriodUnit.DaysPerMonth / days;
    }

    /// <summary>Discounted CLV of one customer over <paramref name="months"/> months (see the class remarks).</summary>
    /// <param name="purchases">Fitted BG/NBD model (its data in <paramref name="dataTimeUnit"/>).</param>
    /// <param name="spend">Fitted Gamma-Gamma model.</param>
    /// <param name="dataTimeUnit">The time unit of x, tₓ, T and of the BG/NBD fit.</param>
    /// <param name="months">Horizon in months, 0 to <see cref="MaxMonths"/> (0 gives 0).</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, a fraction ≥ 0 (0.01 for 1 % a month).</param>
    /// <param name="frequency">x, repeat purchases.</param>
    /// <param name="recency">tₓ, in <paramref name="dataTimeUnit"/>.</param>
    /// <param name="age">T, in <paramref name="dataTimeUnit"/>.</param>
    /// <param name="meanSpend">z̄, mean value of the repeat purchases (&gt; 0 when x &gt; 0).</param>
    /// <returns>Expected discounted revenue, in the spend model's currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument or the row is invalid (months outside 0 … <see cref="MaxMonths"/>).</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or the spend expectation is infinite (q ≤ 1 for x = 0).</exception>
    public static double Discounted(BgNbdModel purchases, GammaGammaModel spend, PeriodUnit dataTimeUnit, int months, double monthlyDiscountRate,
        double frequency, double recency, double age, double meanSpend) =>
        Discounted(purchases, spend, UnitsPerMonth(dataTimeUnit), months, monthlyDiscountRate, frequency, recency, age, meanSpend);

    /// <summary>Discounted CLV of one customer with an explicit number of data time units per month (see the class remarks).</summary>
    /// <param name="purchases">Fitted BG/NBD model.</param>
    /// <param name="spend">Fitted Gamma-Gamma model.</param>
    /// <param name="unitsPerMonth">Data time units in one month, finite and &gt; 0 (4.348… weeks by default elsewhere; <see cref="LifetimesWeeksPerMonth"/> for lifetimes).</param>
    /// <param name="months">Horizon in months, 0 to <see cref="MaxMonths"/>.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, a fraction ≥ 0.</param>
    /// <param name="frequency">x, repeat purchases.</param>
    /// <param name="recency">tₓ, in the data's unit.</param>
    /// <param name="age">T, in the data's unit.</param>
    /// <param name="meanSpend">z̄ (&gt; 0 when x &gt; 0).</param>
    /// <returns>Expected discounted revenue, in the spend model's currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or the spend expectation is infinite.</exception>
    public static double Discounted(BgNbdModel purchases, GammaGammaModel spend, double unitsPerMonth, int months, double monthlyDiscountRate,
        double frequency, double recency, double age, double meanSpend)
    {
        Check(purchases, unitsPerMonth, months, monthlyDiscountRate);
        BgNbdLikelihood.ValidateRow([frequency], [recency], [age], 0);
        return One(purchases, spend, unitsPerMonth, months, monthlyDiscountRate, frequency, recency, age, meanSpend, 0);
    }

    /// <summary>Discounted CLV of many customers, written to <paramref name="destination"/> (see the scalar overload).</summary>
    /// <param name="purchases">Fitted BG/NBD model.</param>
    /// <param name="spend">Fitted Gamma-Gamma model.</param>
    /// <param name="dataTimeUnit">The time unit of the data.</param>
    /// <param name="months">Horizon in months, 0 to <see cref="MaxMonths"/>.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, ≥ 0.</param>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">tₓ per customer.</param>
    /// <param name="age">T per customer.</param>
    /// <param name="meanSpend">z̄ per customer.</param>
    /// <param name="destination">Receives one CLV per customer; at least as long as the inputs.</param>
    /// <exception cref="ArgumentException">Lengths differ or destination is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument or a row is invalid (named by its index).</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or a spend expectation is infinite.</exception>
    public static void Discounted(BgNbdModel purchases, GammaGammaModel spend, PeriodUnit dataTimeUnit, int months, double monthlyDiscountRate,
        ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend, Span<double> destination) =>
        Discounted(purchases, spend, UnitsPerMonth(dataTimeUnit), months, monthlyDiscountRate, frequency, recency, age, meanSpend, destination);

    /// <summary>Discounted CLV of many customers with an explicit number of data time units per month.</summary>
    /// <param name="purchases">Fitted BG/NBD model.</param>
    /// <param name="spend">Fitted Gamma-Gamma model.</param>
    /// <param name="unitsPerMonth">Data time units in one month, finite and &gt; 0.</param>
    /// <param name="months">Horizon in months, 0 to <see cref="MaxMonths"/>.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, ≥ 0.</param>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">tₓ per customer.</param>
    /// <param name="age">T per customer.</param>
    /// <param name="meanSpend">z̄ per customer.</param>
    /// <param name="destination">Receives one CLV per customer; at least as long as the inputs.</param>
    /// <exception cref="ArgumentException">Lengths differ or destination is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument or a row is invalid (named by its index).</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or a spend expectation is infinite.</exception>
    public static void Discounted(BgNbdModel purchases, GammaGammaModel spend, double unitsPerMonth, int months, double monthlyDiscountRate,
        ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend, Span<double> destination)
    {
        Check(purchases, unitsPerMonth, months, monthlyDiscountRate);
        CheckColumns(frequency, recency, age, meanSpend);
        Guard.DestinationLength(destination.Length, frequency.Length);
        for (int i = 0; i < frequency.Length; i++)
        {
            destination[i] = One(purchases, spend, unitsPerMonth, months, monthlyDiscountRate, frequency[i], recency[i], age[i], meanSpend[i], i);
        }
    }

    /// <summary>
    /// Discounted CLV of every customer of an RFM summary, in the summary's order, with the time unit taken from the
    /// summary so that it cannot disagree with the data the models were fitted on.
    /// </summary>
    /// <param name="purchases">BG/NBD model fitted on <paramref name="summary"/> (or on data in the same unit).</param>
    /// <param name="spend">Gamma-Gamma model.</param>
    /// <param name="summary">The customers: x, tₓ, T in <see cref="RfmSummary.Unit"/> and z̄ = <see cref="RfmSummary.MeanSpend"/>.</param>
    /// <param name="months">Horizon in months, 0 to <see cref="MaxMonths"/>.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, ≥ 0.</param>
    /// <param name="destination">Receives one CLV per customer; at least <see cref="RfmSummary.Count"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">months or the rate is out of range.</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or a spend expectation is infinite.</exception>
    public static void Discounted(BgNbdModel purchases, GammaGammaModel spend, RfmSummary summary, int months, double monthlyDiscountRate, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Discounted(purchases, spend, summary.Unit, months, monthlyDiscountRate, summary.Frequency, summary.Recency, summary.Age, summary.MeanSpend, destination);
    }

    /// <summary>
    /// One customer's expected cash flows month by month: destination[i] = E[Z | x, z̄] (E[Y((i+1)k)] − E[Y(ik)]) / (1 + d)^(i+1)
    /// for months i = 0 … destination.Length − 1 (their sum is <see cref="Discounted(BgNbdModel, GammaGammaModel, double, int, double, double, double, double, double)"/>
    /// over destination.Length months). A rate of 0 gives the undiscounted expected revenue per month.
    /// </summary>
    /// <param name="purchases">Fitted BG/NBD model.</param>
    /// <param name="spend">Fitted Gamma-Gamma model.</param>
    /// <param name="unitsPerMonth">Data time units in one month, finite and &gt; 0 (e.g. <see cref="UnitsPerMonth(PeriodUnit)"/>).</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, ≥ 0.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="meanSpend">z̄.</param>
    /// <param name="destination">One element per future month, at most <see cref="MaxMonths"/> long.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument or the row is invalid, or destination is longer than <see cref="MaxMonths"/>.</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or the spend expectation is infinite.</exception>
    public static void MonthlyCashFlows(BgNbdModel purchases, GammaGammaModel spend, double unitsPerMonth, double monthlyDiscountRate,
        double frequency, double recency, double age, double meanSpend, Span<double> destination)
    {
        Check(purchases, unitsPerMonth, destination.Length, monthlyDiscountRate);
        BgNbdLikelihood.ValidateRow([frequency], [recency], [age], 0);
        double value = spend.ConditionalChecked(frequency, meanSpend, 0);
        double previous = 0, discount = 1;
        for (int i = 0; i < destination.Length; i++)
        {
            double current = purchases.Conditional((i + 1) * unitsPerMonth, frequency, recency, age);
            discount /= 1 + monthlyDiscountRate;
            destination[i] = value * (current - previous) * discount;
            previous = current;
        }
    }

    /// <summary>
    /// The whole customer base's expected revenue per future month (undiscounted): destination[i] = Σ over customers of
    /// E[Z | x, z̄] (E[Y((i+1)k)] − E[Y(ik)]), compensated sums, k = data units per month. Its total over the months equals the
    /// sum of the customers' undiscounted CLVs.
    /// </summary>
    /// <param name="purchases">BG/NBD model fitted on the summary's unit.</param>
    /// <param name="spend">Gamma-Gamma model.</param>
    /// <param name="summary">The customers.</param>
    /// <param name="destination">One element per future month, at most <see cref="MaxMonths"/> long.</param>
    /// <param name="unitsPerMonth">Data time units per month; null (the default) takes <see cref="UnitsPerMonth(PeriodUnit)"/> of the summary's unit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">destination is longer than <see cref="MaxMonths"/> or unitsPerMonth is not finite and &gt; 0.</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or a spend expectation is infinite.</exception>
    public static void BaseRevenuePerMonth(BgNbdModel purchases, GammaGammaModel spend, RfmSummary summary, Span<double> destination, double? unitsPerMonth = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        double k = unitsPerMonth ?? UnitsPerMonth(summary.Unit);
        Check(purchases, k, destination.Length, 0);
        int n = summary.Count;
        var value = new double[n];
        spend.ConditionalExpectedAverageSpend(summary.Frequency, summary.MeanSpend, value);
        var previous = new double[n];
        var current = new double[n];
        for (int month = 0; month < destination.Length; month++)
        {
            purchases.ConditionalExpectedPurchases((month + 1) * k, summary.Frequency, summary.Recency, summary.Age, current);
            double sum = 0, compensation = 0;
            for (int i = 0; i < n; i++)
            {
                CompensatedSum.Add(ref sum, ref compensation, value[i] * (current[i] - previous[i]));
            }

            destination[month] = sum + compensation;
            (previous, current) = (current, previous);
        }
    }

    private static void Check(BgNbdModel purchases, double unitsPerMonth, int months, double rate)
    {
        CheckHorizon(unitsPerMonth, months, rate);
        if (!(purchases.R > 0))
        {
            ThrowHelper.InvalidOperation("The BgNbdModel has no parameters (it is default).");
        }
    }

    private static void CheckColumns(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend)
    {
        Guard.SameLength(frequency.Length, recency.Length);
        Guard.SameLength(frequency.Length, age.Length);
        Guard.SameLength(frequency.Length, meanSpend.Length);
        for (int i = 0; i < frequency.Length; i++)
        {
            BgNbdLikelihood.ValidateRow(frequency, recency, age, i);
        }
    }

    private static double One(BgNbdModel purchases, GammaGammaModel spend, double k, int months, double rate,
        double x, double tx, double age, double meanSpend, int index)
    {
        double value = spend.ConditionalChecked(x, meanSpend, index);
        return months == 0 ? 0 : value * DiscountedIncrements(new BgNbdResidual(purchases, x, tx, age), k, months, rate);
    }

    /// <summary>
    /// Σᵢ₌₁ᴴ (E[Y(i·k)] − E[Y((i−1)·k)]) / (1 + d)ⁱ for one customer's conditional expectation E[Y(t) | history]: the
    /// discounted purchases of the CLV of any transaction model (BG/NBD, Pareto/NBD).
    /// </summary>
    internal static double DiscountedIncrements<TResidual>(TResidual residual, double k, int months, double rate)
        where TResidual : struct, IResidualPurchases
    {
        double previous = 0, total = 0, discount = 1;
        for (int i = 1; i <= months; i++)
        {
            double current = residual.Expected(i * k);
            discount /= 1 + rate;
            total += (current - previous) * discount;
            previous = current;
        }

        return total;
    }

    /// <summary>Checks the horizon, the rate and the units per month shared by every CLV overload.</summary>
    internal static void CheckHorizon(double unitsPerMonth, int months, double rate)
    {
        Guard.PositiveFinite(unitsPerMonth);
        if (months < 0 || months > MaxMonths)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(months), months, "0 to 1200 months (ProbabilisticClv.MaxMonths, 100 years)");
        }

        Guard.NonNegativeFinite(rate, "monthlyDiscountRate");
    }

    /// <summary>One customer's E[Y(t) | x, tₓ, T] under a transaction model.</summary>
    internal interface IResidualPurchases
    {
        double Expected(double t);
    }

    private readonly struct BgNbdResidual(BgNbdModel model, double x, double tx, double age) : IResidualPurchases
    {
        public double Expected(double t) => model.Conditional(t, x, tx, age);
    }
}
