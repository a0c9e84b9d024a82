namespace CustomerMetrics.Value.Models;

/// <summary>CLV with a Pareto/NBD purchase model: the same definition and discounting as with BG/NBD.</summary>
public static partial class ProbabilisticClv
{
    /// <summary>
    /// Discounted CLV of one customer from a Pareto/NBD purchase model and a Gamma-Gamma spend model (Fader, Hardie &amp; Lee
    /// 2005, <i>RFM and CLV</i>, who pair these two models): E[Z | x, z̄] · Σᵢ₌₁ᴴ (E[Y(i·k) | x, tₓ, T] − E[Y((i−1)·k) | x, tₓ, T]) / (1 + d)ⁱ,
    /// as <see cref="Discounted(BgNbdModel, GammaGammaModel, double, int, double, double, double, double, double)"/>.
    /// </summary>
    /// <param name="purchases">Fitted Pareto/NBD model.</param>
    /// <param name="spend">Fitted Gamma-Gamma model.</param>
    /// <param name="unitsPerMonth">Data time units in one month, finite and &gt; 0 (e.g. <see cref="UnitsPerMonth(PeriodUnit)"/>).</param>
    /// <param name="months">Horizon in months, 0 to <see cref="MaxMonths"/>.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, a fraction ≥ 0.</param>
    /// <param name="frequency">x, repeat purchases.</param>
    /// <param name="recency">tₓ, in the data's unit.</param>
    /// <param name="age">T, in the data's unit.</param>
    /// <param name="meanSpend">z̄ (&gt; 0 when x &gt; 0).</param>
    /// <returns>Expected discounted revenue, in the spend model's currency; 0 for 0 months.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or the spend expectation is infinite.</exception>
    public static double Discounted(ParetoNbdModel purchases, GammaGammaModel spend, double unitsPerMonth, int months, double monthlyDiscountRate,
        double frequency, double recency, double age, double meanSpend)
    {
        CheckHorizon(unitsPerMonth, months, monthlyDiscountRate);
        return One(purchases, spend, unitsPerMonth, months, monthlyDiscountRate, frequency, recency, age, meanSpend, 0);
    }

    /// <summary>
    /// Discounted CLV of every customer of an RFM summary under a Pareto/NBD model, in the summary's order, with the time
    /// unit taken from the summary (see the scalar overload).
    /// </summary>
    /// <param name="purchases">Pareto/NBD model fitted on <paramref name="summary"/> (or on data in the same unit).</param>
    /// <param name="spend">Gamma-Gamma model.</param>
    /// <param name="summary">The customers: x, tₓ, T in <see cref="RfmSummary.Unit"/> and z̄ = <see cref="RfmSummary.MeanSpend"/>.</param>
    /// <param name="months">Horizon in months, 0 to <see cref="MaxMonths"/>.</param>
    /// <param name="monthlyDiscountRate">Discount rate per month, ≥ 0.</param>
    /// <param name="destination">Receives one CLV per customer; at least <see cref="RfmSummary.Count"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">months or the rate is out of range.</exception>
    /// <exception cref="InvalidOperationException">A model is <c>default</c>, or a spend expectation is infinite.</exception>
    public static void Discounted(ParetoNbdModel purchases, GammaGammaModel spend, RfmSummary summary, int months, double monthlyDiscountRate, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(summary);
        double k = UnitsPerMonth(summary.Unit);
        CheckHorizon(k, months, monthlyDiscountRate);
        Internal.Guard.DestinationLength(destination.Length, summary.Count);
        for (int i = 0; i < summary.Count; i++)
        {
            ParetoNbdData.ValidateRow(summary.Frequency, summary.Recency, summary.Age, i);
            destination[i] = One(purchases, spend, k, months, monthlyDiscountRate, summary.Frequency[i], summary.Recency[i], summary.Age[i], summary.MeanSpend[i], i);
        }
    }

    private static double One(ParetoNbdModel purchases, GammaGammaModel spend, double k, int months, double rate,
        double x, double tx, double age, double meanSpend, int index)
    {
        double alive = purchases.ProbabilityAlive(x, tx, age); // Checks the row and the model.
        double value = spend.ConditionalChecked(x, meanSpend, index);
        return months == 0 ? 0 : value * DiscountedIncrements(new ParetoNbdResidual(purchases, alive * (purchases.R + x) / (purchases.Alpha + age), age), k, months, rate);
    }

    /// <summary>E[Y(t) | x, tₓ, T] = P(alive)(r+x)/(α+T) · growth(s, β+T, t), as <see cref="ParetoNbdModel.ConditionalExpectedPurchases"/>, with the
    /// customer's factor computed once.</summary>
    private readonly struct ParetoNbdResidual(ParetoNbdModel model, double factor, double age) : IResidualPurchases
    {
        public double Expected(double t) => t == 0 ? 0 : factor * ParetoNbdModel.Growth(model.S, model.Beta + age, t);
    }
}
