using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Customer lifetime value from a BG/NBD purchase model and a Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005,
/// <i>RFM and CLV</i>): CLV = E[Z | x, z̄] · Σᵢ₌₁ᴴ (E[Y(i·k) | x, tₓ, T] − E[Y((i−1)·k) | x, tₓ, T]) / (1 + d)ⁱ, with H the
/// horizon in months, d the monthly discount rate and k the number of data time units per month
/// (from the <see cref="PeriodUnit"/> of the data). Each month's expected purchases are discounted at the end of that month, as in the
/// <c>lifetimes</c> package.
/// </summary>
/// <remarks>
/// The value is revenue in the currency of the spend model, as <see cref="double"/>; multiply by your gross margin for
/// a profit-based CLV. Zero discount and H months give E[Z | x, z̄]·E[Y(H·k) | x, tₓ, T] exactly.
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
/// </remarks>
public static class ProbabilisticClv
{
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
    /// <param name="months">Horizon in months, ≥ 0 (0 gives 0).</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, a fraction ≥ 0 (0.01 for 1 % a month).</param>
    /// <param name="frequency">x, repeat purchases.</param>
    /// <param name="recency">tₓ, in <paramref name="dataTimeUnit"/>.</param>
    /// <param name="age">T, in <paramref name="dataTimeUnit"/>.</param>
    /// <param name="meanSpend">z̄, mean value of the repeat purchases (&gt; 0 when x &gt; 0).</param>
    /// <returns>Expected discounted revenue, in the spend model's currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or the spend expectation is infinite (q ≤ 1 for x = 0).</exception>
    public static double Discounted(BgNbdModel purchases, GammaGammaModel spend, PeriodUnit dataTimeUnit, int months, double monthlyDiscountRate,
        double frequency, double recency, double age, double meanSpend)
    {
        double k = Check(purchases, dataTimeUnit, months, monthlyDiscountRate);
        BgNbdLikelihood.ValidateRow([frequency], [recency], [age], 0);
        return One(purchases, spend, k, months, monthlyDiscountRate, frequency, recency, age, meanSpend);
    }

    /// <summary>Discounted CLV of many customers, written to <paramref name="destination"/> (see the scalar overload).</summary>
    /// <param name="purchases">Fitted BG/NBD model.</param>
    /// <param name="spend">Fitted Gamma-Gamma model.</param>
    /// <param name="dataTimeUnit">The time unit of the data.</param>
    /// <param name="months">Horizon in months, ≥ 0.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, ≥ 0.</param>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">tₓ per customer.</param>
    /// <param name="age">T per customer.</param>
    /// <param name="meanSpend">z̄ per customer.</param>
    /// <param name="destination">Receives one CLV per customer; at least as long as the inputs.</param>
    /// <exception cref="ArgumentException">Lengths differ or destination is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument or a row is invalid (named by index).</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or a spend expectation is infinite.</exception>
    public static void Discounted(BgNbdModel purchases, GammaGammaModel spend, PeriodUnit dataTimeUnit, int months, double monthlyDiscountRate,
        ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> meanSpend, Span<double> destination)
    {
        double k = Check(purchases, dataTimeUnit, months, monthlyDiscountRate);
        Guard.SameLength(frequency.Length, recency.Length);
        Guard.SameLength(frequency.Length, age.Length);
        Guard.SameLength(frequency.Length, meanSpend.Length);
        if (destination.Length < frequency.Length)
        {
            ThrowHelper.Argument(nameof(destination), "destination is shorter than the inputs.");
        }

        for (int i = 0; i < frequency.Length; i++)
        {
            BgNbdLikelihood.ValidateRow(frequency, recency, age, i);
            destination[i] = One(purchases, spend, k, months, monthlyDiscountRate, frequency[i], recency[i], age[i], meanSpend[i]);
        }
    }

    /// <summary>
    /// Discounted CLV of every customer of an RFM summary, in the summary's order, with the time unit taken from the
    /// summary so that it cannot disagree with the data the models were fitted on.
    /// </summary>
    /// <param name="purchases">BG/NBD model fitted on <paramref name="summary"/> (or on data in the same unit).</param>
    /// <param name="spend">Gamma-Gamma model.</param>
    /// <param name="summary">The customers: x, tₓ, T in <see cref="RfmSummary.Unit"/> and z̄ = monetary value.</param>
    /// <param name="months">Horizon in months, ≥ 0.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, ≥ 0.</param>
    /// <param name="destination">Receives one CLV per customer; at least <see cref="RfmSummary.Count"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or a spend expectation is infinite.</exception>
    public static void Discounted(BgNbdModel purchases, GammaGammaModel spend, RfmSummary summary, int months, double monthlyDiscountRate, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Discounted(purchases, spend, summary.Unit, months, monthlyDiscountRate, summary.Frequency, summary.Recency, summary.Age, summary.MeanSpend, destination);
    }

    private static double Check(BgNbdModel purchases, PeriodUnit unit, int months, double rate)
    {
        double k = UnitsPerMonth(unit);
        if (months < 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(months), months, "months ≥ 0");
        }

        Guard.NonNegativeFinite(rate, "monthlyDiscountRate");
        if (!(purchases.R > 0))
        {
            ThrowHelper.InvalidOperation("The BgNbdModel has no parameters (it is default).");
        }

        return k;
    }

    private static double One(BgNbdModel purchases, GammaGammaModel spend, double k, int months, double rate,
        double x, double tx, double age, double meanSpend)
    {
        if (months == 0)
        {
            return 0;
        }

        double value = spend.ConditionalExpectedAverageSpend(x, meanSpend);
        double previous = 0, total = 0, discount = 1;
        for (int i = 1; i <= months; i++)
        {
            double current = purchases.Conditional(i * k, x, tx, age);
            discount /= 1 + rate;
            total += (current - previous) * discount;
            previous = current;
        }

        return value * total;
    }

}
