using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// A Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013): transaction values ~ Gamma(<see cref="P"/>, ν),
/// ν ~ Gamma(<see cref="Q"/>, <see cref="Gamma"/>). Produced by <c>GammaGamma.Fit</c> or constructed from known parameters.
/// Spend is in the currency unit of the data, as <see cref="double"/>.
/// </summary>
/// <remarks>
/// <c>default(GammaGammaModel)</c> has no parameters: its predictions throw <see cref="InvalidOperationException"/>.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
public readonly record struct GammaGammaModel
{
    /// <summary>Creates a model from known parameters (all finite and &gt; 0).</summary>
    /// <param name="p">Shape of the per-transaction gamma distribution.</param>
    /// <param name="q">Shape of the gamma distribution of ν across customers.</param>
    /// <param name="gamma">Rate of that distribution, in currency units (E[value] = pγ/(q − 1) for q &gt; 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite and &gt; 0.</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public GammaGammaModel(double p, double q, double gamma)
    {
        if (!(p > 0) || double.IsPositiveInfinity(p))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(p), p, "finite numbers > 0");
        }

        if (!(q > 0) || double.IsPositiveInfinity(q))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(q), q, "finite numbers > 0");
        }

        if (!(gamma > 0) || double.IsPositiveInfinity(gamma))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(gamma), gamma, "finite numbers > 0");
        }

        P = p;
        Q = q;
        Gamma = gamma;
    }

    /// <summary>Shape p of the per-transaction gamma distribution.</summary>
    public double P { get; }

    /// <summary>Shape q of the gamma distribution of ν.</summary>
    public double Q { get; }

    /// <summary>Rate γ of the gamma distribution of ν, in currency units.</summary>
    public double Gamma { get; }

    /// <summary>Total (weighted) log-likelihood of the customers with x &gt; 0; NaN for a constructed model.</summary>
    public double LogLikelihood { get; init; } = double.NaN;

    /// <summary>Customers used by the fit (Σ weights of rows with x &gt; 0).</summary>
    public double Customers { get; init; }

    /// <summary>Rows skipped because x = 0 (no repeat purchase, hence no spend information); counted, never silently lost.</summary>
    public int SkippedWithoutRepeat { get; init; }

    /// <summary>
    /// Weighted Pearson correlation between x and z̄ over the customers used. The model assumes spend is independent of
    /// frequency; a correlation far from 0 means that assumption is doubtful. NaN when x or z̄ is constant or for a constructed model.
    /// </summary>
    public double SpendFrequencyCorrelation { get; init; } = double.NaN;

    /// <summary>How the optimiser went; <see cref="ModelFitMethod.None"/> for a constructed model.</summary>
    public ModelFitInfo FitInfo { get; init; }

    /// <summary>Standard error of <see cref="P"/>; NaN when unavailable.</summary>
    public double PStandardError { get; init; } = double.NaN;

    /// <summary>Standard error of <see cref="Q"/>; NaN when unavailable.</summary>
    public double QStandardError { get; init; } = double.NaN;

    /// <summary>Standard error of <see cref="Gamma"/>; NaN when unavailable.</summary>
    public double GammaStandardError { get; init; } = double.NaN;

    /// <summary>Population mean transaction value E[Z] = pγ/(q − 1), in currency units.</summary>
    /// <exception cref="InvalidOperationException">q ≤ 1: the mean is infinite; or the model is <c>default</c>.</exception>
    public double MeanTransactionValue
    {
        get
        {
            EnsureParameters();
            RequireQAboveOne();
            return P * Gamma / (Q - 1);
        }
    }

    /// <summary>
    /// E[Z | x, z̄] = p(γ + x z̄)/(px + q − 1): the expected value of a customer's future transactions, a weighted average of
    /// the population mean and the customer's own mean (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013, eq. 5).
    /// </summary>
    /// <param name="frequency">x, repeat purchases (whole number ≥ 0); x = 0 gives the population mean.</param>
    /// <param name="meanSpend">z̄, mean value of those purchases (&gt; 0 when x &gt; 0; ignored when x = 0).</param>
    /// <returns>Expected value per transaction, in currency units.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is invalid.</exception>
    /// <exception cref="InvalidOperationException">px + q ≤ 1 (for x = 0: q ≤ 1), where the expectation is infinite; or the model is <c>default</c>.</exception>
    public double ConditionalExpectedAverageSpend(double frequency, double meanSpend)
    {
        EnsureParameters();
        Validate(frequency, meanSpend, 0);
        return Conditional(frequency, meanSpend);
    }

    /// <summary>E[Z | x, z̄] for many customers, written to <paramref name="destination"/>.</summary>
    /// <param name="frequency">x per customer.</param>
    /// <param name="meanSpend">z̄ per customer.</param>
    /// <param name="destination">Receives one expected value per customer; at least as long as the inputs.</param>
    /// <exception cref="ArgumentException">Lengths differ or destination is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is invalid (named by index).</exception>
    /// <exception cref="InvalidOperationException">An expectation is infinite (see the scalar overload) or the model is <c>default</c>.</exception>
    public void ConditionalExpectedAverageSpend(ReadOnlySpan<double> frequency, ReadOnlySpan<double> meanSpend, Span<double> destination)
    {
        EnsureParameters();
        Guard.SameLength(frequency.Length, meanSpend.Length);
        if (destination.Length < frequency.Length)
        {
            ThrowHelper.Argument(nameof(destination), "destination is shorter than the inputs.");
        }

        for (int i = 0; i < frequency.Length; i++)
        {
            Validate(frequency[i], meanSpend[i], i);
            destination[i] = Conditional(frequency[i], meanSpend[i]);
        }
    }

    /// <summary>Formats the parameters and fit, culture-invariant.</summary>
    /// <returns>For example <c>Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44; LL = … over 946 customers (skipped 1411 with x = 0; corr(x, z̄) = 0.11; …)</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Gamma-Gamma p = {P:0.####}, q = {Q:0.####}, γ = {Gamma:0.####}; LL = {LogLikelihood:0.##} over {Customers:0.##} customers (skipped {SkippedWithoutRepeat} with x = 0; corr(x, z̄) = {SpendFrequencyCorrelation:0.###}; {FitInfo})");

    internal double Conditional(double x, double m)
    {
        double denominator = (P * x) + Q - 1;
        if (!(denominator > 0))
        {
            ThrowHelper.InvalidOperation(string.Create(CultureInfo.InvariantCulture,
                $"E[Z | x = {x}] of the Gamma-Gamma model is infinite because px + q ≤ 1 (p = {P:R}, q = {Q:R}); it needs q > 1 for customers without repeat purchases."));
        }

        return x == 0 ? P * Gamma / denominator : P * (Gamma + (x * m)) / denominator;
    }

    private static void Validate(double x, double m, int index)
    {
        if (!(x >= 0) || x != Math.Floor(x) || double.IsPositiveInfinity(x))
        {
            ThrowHelper.ValueOutOfRange("frequency", index, x, "whole numbers ≥ 0 (repeat purchases)");
        }

        if (x > 0 && (!(m > 0) || double.IsPositiveInfinity(m)))
        {
            ThrowHelper.ValueOutOfRange("meanSpend", index, m, "finite amounts > 0 for a customer with repeat purchases");
        }
    }

    private void RequireQAboveOne()
    {
        if (!(Q > 1))
        {
            ThrowHelper.InvalidOperation(string.Create(CultureInfo.InvariantCulture,
                $"The mean transaction value of the Gamma-Gamma model is infinite when q ≤ 1 (q = {Q:R})."));
        }
    }

    private void EnsureParameters()
    {
        if (!(P > 0))
        {
            ThrowHelper.InvalidOperation("This GammaGammaModel has no parameters (it is default); fit one with GammaGamma.Fit or construct it from p, q, γ.");
        }
    }
}
