using CustomerMetrics.Internal;
using CustomerMetrics.Tests.Value.Models;

namespace CustomerMetrics.Tests.Internal;

public class HypergeometricTests
{
    [Theory]
    [InlineData(-5.0)]
    [InlineData(-0.5)]
    [InlineData(0.3)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    [InlineData(0.999999)]
    public void Logarithm_closed_form_c_minus_a_minus_b_zero(double z) =>
        Assert.Equal(-Math.Log(1 - z) / z, Hypergeometric.Gauss(1, 1, 2, z), 1e-13 * Math.Abs(Math.Log(1 - z) / z));

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    [InlineData(0.99999)]
    public void Integer_c_minus_a_minus_b_one(double z)
    {
        // ₂F₁(1, 1; 3; z) = 2[−ln(1−z)/z + (ln(1−z) + z)/z²].
        double l = Math.Log(1 - z);
        double expected = 2 * ((-l / z) + ((l + z) / (z * z)));
        Assert.Equal(expected, Hypergeometric.Gauss(1, 1, 3, z), 1e-12 * expected);
    }

    [Theory]
    [InlineData(0.5, 1.5, 0.2)]
    [InlineData(0.5, 1.5, 0.9)]
    [InlineData(2.0, 2.0, 0.97)]      // c − a − b = −2: Euler then the integer formula.
    [InlineData(3.0, 1.0, 0.999)]     // c − a − b = −3
    [InlineData(0.7, 4.2, -3.0)]
    public void Binomial_closed_form(double a, double b, double z) =>
        Assert.Equal(Math.Pow(1 - z, -a), Hypergeometric.Gauss(a, b, b, z), 1e-12 * Math.Pow(1 - z, -a));

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(30.0)]
    public void Arctangent_closed_form_negative_argument(double x) =>
        Assert.Equal(Math.Atan(x) / x, Hypergeometric.Gauss(0.5, 1, 1.5, -x * x), 1e-13);

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Arcsine_closed_form(double x) =>
        Assert.Equal(Math.Asin(x) / x, Hypergeometric.Gauss(0.5, 0.5, 1.5, x * x), 1e-12);

    [Theory]
    [InlineData(0.3, 0.4, 2.5)]
    [InlineData(1.0, 2.5, 4.2)]
    public void Gauss_sum_at_one(double a, double b, double c)
    {
        double expected = MathNet.Numerics.SpecialFunctions.Gamma(c) * MathNet.Numerics.SpecialFunctions.Gamma(c - a - b)
            / (MathNet.Numerics.SpecialFunctions.Gamma(c - a) * MathNet.Numerics.SpecialFunctions.Gamma(c - b));
        Assert.Equal(expected, Hypergeometric.Gauss(a, b, c, 1), 1e-12 * expected);
        Assert.Equal(double.PositiveInfinity, Hypergeometric.Gauss(a, b, a + b - 0.5, 1));
    }

    [Fact]
    public void Matches_a_high_precision_series_on_random_parameters()
    {
        var random = new Random(2024);
        for (int i = 0; i < 300; i++)
        {
            double a = 0.05 + (8 * random.NextDouble()), b = 0.05 + (8 * random.NextDouble()), c = 0.1 + (12 * random.NextDouble());
            double z = 0.97 * random.NextDouble();
            double expected = SeriesReference.Gauss(a, b, c, z);
            double actual = Hypergeometric.Gauss(a, b, c, z);
            Assert.True(Math.Abs(actual - expected) <= 1e-11 * Math.Abs(expected), $"2F1({a}, {b}; {c}; {z}) = {actual}, series {expected}");
        }
    }

    [Fact]
    public void Near_integer_c_minus_a_minus_b_stays_accurate()
    {
        double expected = SeriesReference.Gauss(1, 1, 2.0000001, 0.9);
        Assert.Equal(expected, Hypergeometric.Gauss(1, 1, 2.0000001, 0.9), 1e-12 * expected);
    }

    [Fact]
    public void Terminating_series_and_invalid_arguments()
    {
        Assert.Equal(1 - (2 * 0.3 * 3 / 4.0), Hypergeometric.Gauss(-1, 3, 4, 0.6), 1e-15); // 1 + (−1)(3)/(4) z … with z = 0.6
        Assert.Equal(1, Hypergeometric.Gauss(2, 3, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Gauss(1, 1, -2, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Gauss(1, 1, 2, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Gauss(double.NaN, 1, 2, 0.5));
    }
}
