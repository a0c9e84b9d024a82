using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Fits the Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005, <i>RFM and CLV: Using Iso-Value
/// Curves for Customer Base Analysis</i>, JMR 42(4); Fader &amp; Hardie 2013, <i>The Gamma-Gamma Model of Monetary
/// Value</i>): a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so the mean
/// spend z̄ of x transactions has density Γ(px+q)/(Γ(px)Γ(q)) γ^q z̄^(px−1) x^(px) / (γ + x z̄)^(px+q).
/// </summary>
/// <remarks>
/// Only customers with x &gt; 0 carry spend information: rows with x = 0 are skipped and counted in
/// <see cref="GammaGammaModel.SkippedWithoutRepeat"/>. The model assumes spend is independent of purchase frequency;
/// the fit reports the observed Pearson correlation between x and z̄ (<see cref="GammaGammaModel.SpendFrequencyCorrelation"/>)
/// so that the assumption can be checked (Fader, Hardie &amp; Lee report 0.11 on CDNOW). Money is in <see cref="double"/>:
/// this is a statistical model, not an accounting sum.
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
/// </remarks>
public static class GammaGamma
{
    /// <summary>Fits the model to an RFM summary's frequency and monetary-value columns (customers without a repeat purchase are skipped and counted).</summary>
    /// <param name="summary">The summary from <c>Rfm.Summarize</c> or <see cref="RfmSummary.FromColumns"/>.</param>
    /// <returns>The fitted model, in the currency of the summary's amounts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase (with positive weight), or the optimisers could not reach finite parameters.</exception>
    public static GammaGammaModel Fit(RfmSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Fit(summary.Frequency, summary.MeanSpend);
    }

    /// <summary>Fits p, q, γ by maximum likelihood (MathNet BFGS on the log scale, analytic gradient).</summary>
    /// <param name="frequency">x: repeat purchases per customer, whole numbers ≥ 0 (rows with x = 0 are skipped and counted).</param>
    /// <param name="meanSpend">z̄: mean value of the x repeat purchases, &gt; 0 when x &gt; 0 (any finite value ≥ 0 when x = 0), in any currency unit.</param>
    /// <param name="weights">Optional non-negative weight per row; empty means 1.</param>
    /// <param name="penalty">L2 penalty λ ≥ 0 on the log parameters: minimises −LL/Σw + λ Σ (ln θ)² over θ = p, q, γ; 0 is plain maximum likelihood.</param>
    /// <returns>The fitted model with log-likelihood, standard errors, fit information and the spend-frequency correlation.</returns>
    /// <exception cref="ArgumentException">Spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is invalid (x &lt; 0 or fractional, z̄ ≤ 0 with x &gt; 0, NaN, ∞, negative weight), named by index; or the penalty is negative or not finite.</exception>
    /// <exception cref="ModelFitException">No row has x &gt; 0 with positive weight, or the optimisers could not reach finite parameters.</exception>
    public static GammaGammaModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> meanSpend, ReadOnlySpan<double> weights = default, double penalty = 0)
    {
        Guard.SameLength(frequency.Length, meanSpend.Length);
        if (!weights.IsEmpty)
        {
            Guard.SameLength(frequency.Length, weights.Length);
        }

        Guard.NonNegativeFinite(penalty);
        int used = 0, skipped = 0;
        for (int i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i], m = meanSpend[i];
            if (!(x >= 0) || x != Math.Floor(x) || double.IsPositiveInfinity(x))
            {
                ThrowHelper.ValueOutOfRange(nameof(frequency), i, x, "whole numbers ≥ 0 (repeat purchases)");
            }

            if (x > 0 ? !(m > 0) || double.IsPositiveInfinity(m) : !(m >= 0) || double.IsPositiveInfinity(m))
            {
                ThrowHelper.ValueOutOfRange(nameof(meanSpend), i, m, x > 0 ? "finite amounts > 0 for a customer with repeat purchases" : "finite amounts ≥ 0");
            }

            double w = weights.IsEmpty ? 1 : weights[i];
            if (!(w >= 0) || double.IsPositiveInfinity(w))
            {
                ThrowHelper.ValueOutOfRange(nameof(weights), i, w, "finite numbers ≥ 0");
            }

            if (x > 0 && w > 0)
            {
                used++;
            }
            else if (x == 0)
            {
                skipped++;
            }
        }

        if (used == 0)
        {
            ModelFitException.ThrowNoRepeatPurchase("Gamma-Gamma", "there is no repeat spend to fit");
        }

        var xs = new double[used];
        var ms = new double[used];
        var ws = new double[used];
        for (int i = 0, j = 0; i < frequency.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            if (frequency[i] > 0 && w > 0)
            {
                xs[j] = frequency[i];
                ms[j] = meanSpend[i];
                ws[j] = w;
                j++;
            }
        }

        var data = new GammaGammaLikelihood(xs, ms, ws) { Penalty = penalty };
        double meanZ = data.WeightedMeanSpend;
        double[] start = [0, Math.Log(2), Math.Log(meanZ)]; // p = 1, q = 2 ⇒ E[z] = pγ/(q−1) = z̄.
        var result = ModelOptimizer.Minimize(data.Objective, start, "Gamma-Gamma");
        double[] p = result.LogParameters;
        double ll = data.LogLikelihood(p, new double[3]);
        double[] errors = ModelOptimizer.StandardErrors(data.NegativeLogLikelihood, p);
        return new GammaGammaModel(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]))
        {
            LogLikelihood = ll,
            Customers = data.TotalWeight,
            SkippedWithoutRepeat = skipped,
            SpendFrequencyCorrelation = data.Correlation,
            FitInfo = result.Info,
            PStandardError = errors[0],
            QStandardError = errors[1],
            GammaStandardError = errors[2],
        };
    }

}
