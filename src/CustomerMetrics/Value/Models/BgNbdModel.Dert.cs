using CustomerMetrics.Internal;
using MathNet.Numerics.Integration;

namespace CustomerMetrics.Value.Models;

/// <summary>Discounted expected residual transactions (DERT) of the BG/NBD.</summary>
public readonly partial record struct BgNbdModel
{
    /// <summary>
    /// Discounted expected residual transactions with continuous discounting at rate δ per unit of time:
    /// DERT = ∫₀^∞ e^−δt dE[Y(t) | x, tₓ, T]. A living customer with rate λ and dropout p buys at rate λe^−λpt
    /// (dropouts happen only at purchases), so DERT = P(alive) · E[λ/(δ + λp)] over the posterior
    /// λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x). The inner gamma expectation is closed:
    /// E[λ/(δ + λp)] = (r + x)/p · e^c E_(r+x+1)(c), c = δ(α + T)/p, with E_s the generalised exponential integral
    /// (the form of Fader, Hardie &amp; Lee 2005, <i>RFM and CLV</i>, for the Pareto/NBD); the beta expectation is
    /// integrated by double-exponential quadrature. The BG/NBD has no published closed form: this is the numerical route.
    /// </summary>
    /// <param name="discountRate">Continuous discount rate δ per unit of the data's time, finite and &gt; 0 (a per-period rate d
    /// converts as δ = ln(1 + d); 15 % a year on weekly data is ln(1.15)/52). For per-month discounting at the end of each month
    /// use <see cref="ProbabilisticClv.MonthlyCashFlows"/>.</param>
    /// <param name="frequency">x, repeat purchases.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <returns>Discounted expected purchases (≥ 0), below the undiscounted lifetime expectation.</returns>
    /// <exception cref="ArgumentOutOfRangeException">δ is not finite and &gt; 0, or the row is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>.</exception>
    public double DiscountedExpectedResidualTransactions(double discountRate, double frequency, double recency, double age)
    {
        EnsureParameters();
        Guard.PositiveFinite(discountRate);
        BgNbdLikelihood.ValidateRow([frequency], [recency], [age], 0);
        return Alive(frequency, recency, age) * ResidualDiscounted(R + frequency, Alpha + age, A, B + frequency, discountRate);
    }

    /// <summary>E[λ/(δ + λp)] for λ ~ Gamma(r, α), p ~ Beta(a, b): the discounted lifetime purchases of a customer alive now.</summary>
    internal static double ResidualDiscounted(double r, double alpha, double a, double b, double delta)
    {
        double lnBeta = ModelMath.LogBeta(a, b);
        double scale = delta * alpha;
        double Integrand(double p)
        {
            if (!(p > 0) || !(p < 1))
            {
                return 0;
            }

            double c = scale / p;
            double density = Math.Exp(((a - 1) * Math.Log(p)) + ((b - 1) * Math.Log(1 - p)) - lnBeta);
            return density * r / p * ScaledExponentialIntegral(r + 1, c);
        }

        return DoubleExponentialTransformation.Integrate(Integrand, 0, 1, 1e-10);
    }

    /// <summary>
    /// e^z E_s(z) = ∫₀^∞ e^−zu (1+u)^−s du for s &gt; 1, z &gt; 0, by the continued fraction of E_s (modified Lentz, Numerical
    /// Recipes §6.3), which converges for every z &gt; 0 (slowly, in about 1/√z to 1/z terms, for small z); no nested quadrature.
    /// </summary>
    internal static double ScaledExponentialIntegral(double s, double z) =>
        ModelMath.ScaledExponentialIntegralFraction(s, z, 10_000_000, 1e-15);
}
