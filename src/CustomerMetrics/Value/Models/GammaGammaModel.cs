using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// A Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013): transaction values ~ Gamma(<see cref="P"/>, ν),
/// ν ~ Gamma(<see cref="Q"/>, <see cref="Gamma"/>). Produced by <c>GammaGamma.Fit</c> or constructed from known parameters.
/// Spend is in the currency unit of the data, as <see cref="double"/>.
/// </summary>
/// <remarks>
/// <c>default(GammaGammaModel)</c> has no parameters: its predictions throw <see cref="InvalidOperationException"/>.
/// Every way to make a model (constructor, <c>with</c>, JSON) is validated: parameters finite and &gt; 0 (or all 0, the
/// empty <c>default</c>), counts ≥ 0, a correlation in [−1, 1] or NaN, standard errors NaN or ≥ 0. A model with q ≤ 1
/// (which a fit can return) serialises: the infinite <see cref="MeanTransactionValue"/> is not part of the JSON.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct GammaGammaModel
{
    private readonly double _logLikelihood = double.NaN;
    private readonly double _customers;
    private readonly int _skipped;
    private readonly double _correlation = double.NaN;
    private readonly ModelFitInfo _fitInfo;
    private readonly double _pStandardError = double.NaN;
    private readonly double _qStandardError = double.NaN;
    private readonly double _gammaStandardError = double.NaN;

    /// <summary>Creates a model from known parameters (all finite and &gt; 0; all three 0 gives the empty <c>default</c> model).</summary>
    /// <param name="p">Shape of the per-transaction gamma distribution.</param>
    /// <param name="q">Shape of the gamma distribution of ν across customers.</param>
    /// <param name="gamma">Rate of that distribution, in currency units (E[value] = pγ/(q − 1) for q &gt; 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite and &gt; 0 (and not all three are 0).</exception>
    [JsonConstructor]
    public GammaGammaModel(double p, double q, double gamma)
    {
        if (p != 0 || q != 0 || gamma != 0)
        {
            Guard.PositiveFinite(p);
            Guard.PositiveFinite(q);
            Guard.PositiveFinite(gamma);
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
    /// <exception cref="ArgumentOutOfRangeException">Set to ±∞.</exception>
    public double LogLikelihood { get => _logLikelihood; init { Guard.NaNOrFinite(value, nameof(LogLikelihood)); _logLikelihood = value; } }

    /// <summary>Customers used by the fit (Σ weights of rows with x &gt; 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double Customers { get => _customers; init { Guard.NonNegativeFinite(value, nameof(Customers)); _customers = value; } }

    /// <summary>Rows skipped because x = 0 (no repeat purchase, hence no spend information); counted, never silently lost.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative count.</exception>
    public int SkippedWithoutRepeat { get => _skipped; init { Guard.NonNegative(value, nameof(SkippedWithoutRepeat)); _skipped = value; } }

    /// <summary>
    /// Weighted Pearson correlation between x and z̄ over the customers used. The model assumes spend is independent of
    /// frequency; a correlation far from 0 means that assumption is doubtful. NaN when x or z̄ is constant or for a constructed model.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [−1, 1] (NaN is allowed).</exception>
    public double SpendFrequencyCorrelation
    {
        get => _correlation;
        init
        {
            if (!double.IsNaN(value) && !(value >= -1 && value <= 1))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(SpendFrequencyCorrelation), value, "NaN or −1 to 1");
            }

            _correlation = value;
        }
    }

    /// <summary>How the optimiser went; <see cref="ModelFitMethod.None"/> for a constructed model.</summary>
    public ModelFitInfo FitInfo { get => _fitInfo; init => _fitInfo = value; }

    /// <summary>Standard error of <see cref="P"/>; NaN when unavailable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or infinite value.</exception>
    public double PStandardError { get => _pStandardError; init { Guard.NaNOrNonNegativeFinite(value, nameof(PStandardError)); _pStandardError = value; } }

    /// <summary>Standard error of <see cref="Q"/>; NaN when unavailable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or infinite value.</exception>
    public double QStandardError { get => _qStandardError; init { Guard.NaNOrNonNegativeFinite(value, nameof(QStandardError)); _qStandardError = value; } }

    /// <summary>Standard error of <see cref="Gamma"/>; NaN when unavailable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or infinite value.</exception>
    public double GammaStandardError { get => _gammaStandardError; init { Guard.NaNOrNonNegativeFinite(value, nameof(GammaStandardError)); _gammaStandardError = value; } }

    /// <summary>Population mean transaction value E[Z] = pγ/(q − 1), in currency units.</summary>
    /// <remarks>Not serialised (derived from p, q, γ).</remarks>
    /// <exception cref="InvalidOperationException">q ≤ 1: the mean is infinite; or the model is <c>default</c>.</exception>
    [JsonIgnore]
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
        Guard.DestinationLength(destination.Length, frequency.Length);

        for (int i = 0; i < frequency.Length; i++)
        {
            Validate(frequency[i], meanSpend[i], i);
            destination[i] = Conditional(frequency[i], meanSpend[i]);
        }
    }

    /// <summary>Checks row <paramref name="index"/> and returns E[Z | x, z̄] (callers that validate their own batches name the real row).</summary>
    internal double ConditionalChecked(double frequency, double meanSpend, int index)
    {
        EnsureParameters();
        Validate(frequency, meanSpend, index);
        return Conditional(frequency, meanSpend);
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
