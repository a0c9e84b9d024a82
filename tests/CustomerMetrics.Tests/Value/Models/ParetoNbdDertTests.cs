using CustomerMetrics.Value.Models;
using MathNet.Numerics.Integration;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// DERT of the Pareto/NBD (Fader, Hardie &amp; Lee 2005, <i>RFM and CLV</i>, eq. 2) through e^z E_s(z), checked against an
/// independent numerical integral for z from 1e-8 to 1e3, integer and near-integer s included.
/// </summary>
public class ParetoNbdDertTests
{
    /// <summary>
    /// e^z E_s(z) = ∫₀^∞ e^−zu (1+u)^−s du = z^(s−1) ∫₀^∞ e^−v (z+v)^−s dv, the second integral by 64-point Gauss–Legendre on
    /// panels [0, h], [h, 2h], [2h, 4h], … up to v = 80 with h = min(z, 1), on which the integrand is smooth.
    /// </summary>
    private static double Oracle(double s, double z)
    {
        double sum = 0, lo = 0, h = Math.Min(z, 1);
        while (lo < 80)
        {
            double hi = lo + h;
            sum += GaussLegendreRule.Integrate(v => Math.Exp(-v - (s * Math.Log(z + v))), lo, hi, 64);
            lo = hi;
            h = Math.Min(2 * h, 4);
        }

        return Math.Exp((s - 1) * Math.Log(z)) * sum;
    }

    [Fact]
    public void Scaled_exponential_integral_matches_quadrature_from_1e_minus_8_to_1e3()
    {
        foreach (double s in new[] { 0.05, 0.3, 0.606, 0.97, 1, 1 + 1e-9, 1.0004, 1.5, 2, 1.96, 2.03, 3.7, 5 })
        {
            foreach (double z in new[] { 1e-8, 1e-6, 1e-4, 1e-3, 0.01, 0.1, 0.5, 0.99, 1, 1.5, 10, 100, 1000 })
            {
                double expected = Oracle(s, z);
                double actual = ModelMath.ScaledExponentialIntegral(s, z);
                Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Abs(expected), $"s = {s:R}, z = {z:R}: {actual:R} vs {expected:R}");
            }
        }
    }

    [Fact]
    public void Dert_with_a_tiny_discount_rate_matches_the_integral_of_discounted_expected_purchases()
    {
        // DERT = ∫₀^∞ e^−δτ dE[Y(τ) | x, tₓ, T] = P(alive) (r+x)/(α+T) ∫₀^∞ e^−δτ ((β+T)/(β+T+τ))ˢ dτ; with u = τ/(β+T) the
        // integral is (β+T) e^z E_s(z), z = δ(β+T), here by the oracle quadrature. s > 1 keeps it finite as δ → 0.
        var m = new ParetoNbdModel(0.553, 10.578, 1.606, 11.669);
        foreach (double delta in new[] { 1e-9, 1e-7, 1e-5, Math.Log(1.15) / 52 })
        {
            foreach ((double x, double tx, double age) in new[] { (0.0, 0.0, 38.86), (2.0, 30.43, 38.86), (7.0, 35.0, 77.86) })
            {
                double b = m.Beta + age;
                double expected = m.ProbabilityAlive(x, tx, age) * (m.R + x) / (m.Alpha + age) * b * Oracle(m.S, delta * b);
                double actual = m.DiscountedExpectedResidualTransactions(delta, x, tx, age);
                Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected, $"δ = {delta:R}, x = {x}: {actual:R} vs {expected:R}");
            }
        }

        // As δ → 0 with s > 1, DERT tends to the undiscounted E[Y(∞) | history], from below by O(z^(s−1)) (DLMF 8.19.10).
        double residual = m.ConditionalExpectedPurchases(double.PositiveInfinity, 2, 30.43, 38.86);
        double nearZero = m.DiscountedExpectedResidualTransactions(1e-12, 2, 30.43, 38.86);
        Assert.InRange(nearZero, residual * (1 - 1e-5), residual);
    }
}
