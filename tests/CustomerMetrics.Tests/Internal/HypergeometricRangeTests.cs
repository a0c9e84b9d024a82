using CustomerMetrics.Internal;

namespace CustomerMetrics.Tests.Internal;

/// <summary>₂F₁ over the range the models use, against a 120-digit series; faults of the former public range fixed or guarded.</summary>
public class HypergeometricRangeTests
{
    [Theory]
    [InlineData(-60, 2, 2, 0.5)]   // 2^−60 = 8.7e-19; the direct alternating sum returned −4.4e-7
    [InlineData(-200, 2, 2, 0.3)]  // 0.7^200 = 1.0e-31; it returned −820,251
    [InlineData(-300, 3.5, 2.25, 0.6)]
    [InlineData(-40, 0.7, 5.5, 0.95)]
    public void Terminating_series_that_cancel_match_the_exact_sum(double a, double b, double c, double z)
    {
        double expected = BigFloatSeries.Gauss(a, b, c, z);
        double actual = Hypergeometric.Gauss(a, b, c, z);
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"2F1({a}, {b}; {c}; {z}) = {actual:R}, exact {expected:R}");
    }

    [Fact]
    public void Closed_forms_of_the_reported_faults()
    {
        Assert.Equal(Math.Pow(0.5, 60), Hypergeometric.Gauss(-60, 2, 2, 0.5), Math.Pow(0.5, 60) * 1e-12);
        Assert.Equal(Math.Pow(0.7, 200), Hypergeometric.Gauss(-200, 2, 2, 0.3), Math.Pow(0.7, 200) * 1e-12);
    }

    /// <summary>
    /// The models' arguments: BG/NBD E[X(t)] calls ₂F₁(c − r, a − 1; c; z) with c = a + b + x − 1 (x up to hundreds), z in
    /// (0.9, 1); sBG's DERL calls ₂F₁(1, β + n + 1; α + β + n + 1; 1/(1 + d)). Random draws over those ranges.
    /// </summary>
    [Fact]
    public void Model_range_matches_a_120_digit_series()
    {
        var random = new Random(11);
        for (int i = 0; i < 120; i++)
        {
            double r = 0.05 + (3 * random.NextDouble()), a = 0.2 + (4 * random.NextDouble()), b = 0.2 + (6 * random.NextDouble());
            double x = random.Next(0, 60);
            double c = a + b + x - 1, p = c - (r + x);
            double z = 0.9 + (0.09 * random.NextDouble());
            if (Math.Abs(a - 1) < 1e-3 || c <= 0)
            {
                continue;
            }

            double expected = BigFloatSeries.Gauss(p, a - 1, c, z);
            double actual = Hypergeometric.Gauss(p, a - 1, c, z);
            Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Abs(expected), $"BG/NBD 2F1({p}, {a - 1}; {c}; {z}) = {actual:R}, exact {expected:R}");

            double alpha = 0.1 + (3 * random.NextDouble()), beta = 0.1 + (5 * random.NextDouble()), n = random.Next(0, 30);
            double w = 1 / (1 + (0.02 + (0.3 * random.NextDouble())));
            expected = BigFloatSeries.Gauss(1, beta + n + 1, alpha + beta + n + 1, w);
            actual = Hypergeometric.Gauss(1, beta + n + 1, alpha + beta + n + 1, w);
            Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Abs(expected), $"sBG 2F1(1, {beta + n + 1}; {alpha + beta + n + 1}; {w}) = {actual:R}, exact {expected:R}");
        }
    }

    [Theory]
    [InlineData(0.5, 1.25, 2.7500005, 0.97)]   // c − a − b = 1 + 5e-7: interpolated in c
    [InlineData(0.3, 0.9, 1.2002, 0.99)]       // c − a − b = 2e-4
    [InlineData(2.1, 0.4, 1.4996, 0.95)]       // c − a − b = −1 − 4e-4
    public void Near_integer_c_minus_a_minus_b_keeps_eight_digits(double a, double b, double c, double z)
    {
        double expected = BigFloatSeries.Gauss(a, b, c, z, 4_000_000);
        double actual = Hypergeometric.Gauss(a, b, c, z);
        Assert.True(Math.Abs(actual - expected) <= 1e-8 * Math.Abs(expected), $"2F1({a}, {b}; {c}; {z}) = {actual:R}, exact {expected:R}");
    }

    [Fact]
    public void The_complement_form_is_exact_where_one_minus_z_rounds_to_one()
    {
        // 2F1(1, 1; 2; 1 − w) = −ln(w)/(1 − w): w = 1e-20 cannot be written as z.
        foreach (double w in (double[])[1e-20, 1e-12, 1e-6, 0.05])
        {
            double expected = -Math.Log(w) / (1 - w);
            Assert.Equal(expected, Hypergeometric.GaussComplement(1, 1, 2, w), 1e-13 * expected);
        }
    }

    [Fact]
    public void Series_too_ill_conditioned_for_eight_digits_throw_instead_of_returning_noise()
    {
        // a = −60.5 is not an integer: the series does not terminate, and no transformation applies below z = 0.9.
        Assert.Throws<InvalidOperationException>(() => Hypergeometric.Gauss(-60.5, 40.25, 1.5, 0.85));
    }
}
