using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// The batch E[Y(t)] through <see cref="BgNbdSeriesTable"/> (a polynomial of E[X(t)] in z per frequency and bin of z)
/// against the per-row ₂F₁ series it replaces (<see cref="BgNbdModel.Expected"/>, an independent evaluation: a series
/// summed term by term to convergence at each row's own z) times the same vector P(alive): within 1e-13 relative, on every
/// path, for models with a below, at and above 1 and with c − r negative, x up to 10,000 (beyond the table: the per-row
/// series), z from 1e-7 to beyond 0.9 (the per-row long-horizon form), and lengths around the block and vector widths.
/// </summary>
public class BgNbdSeriesTableTests
{
    public static TheoryData<int> Paths => new() { (int)VectorPath.Scalar, (int)VectorPath.Vector128, (int)VectorPath.Vector256, (int)VectorPath.Vector512 };

    private static readonly BgNbdModel[] Models =
    [
        new(0.243, 4.414, 0.793, 2.426),  // CDNOW (a < 1)
        new(0.243, 4.414, 1.793, 2.426),  // a > 1
        new(0.5, 2, 1, 3),                // a = 1: head = −ln(1 − z)
        new(2.5, 3, 0.5, 0.8),            // c − r = a + b − 1 − r < 0
    ];

    private static (double[] X, double[] Tx, double[] T) Customers(int n, int seed)
    {
        var random = new Random(seed);
        double[] x = new double[n], tx = new double[n], t = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = 0.01 + (100 * random.NextDouble());
            x[i] = random.Next(10) switch
            {
                0 or 1 or 2 => 0,
                3 => random.Next(200, 300),
                4 => random.Next(1000, 10_001),
                _ => random.Next(1, 60),
            };
            tx[i] = x[i] == 0 ? 0 : t[i] * random.NextDouble();
        }

        return (x, tx, t);
    }

    private static double[] Reference(BgNbdModel model, double t, double[] x, double[] tx, double[] age, VectorPath path)
    {
        var expected = new double[x.Length];
        BgNbdPredictionKernel.Alive(model, x, tx, age, expected, path);
        for (int i = 0; i < x.Length; i++)
        {
            expected[i] = double.IsNaN(t) ? expected[i] : t == 0 ? 0 : expected[i] * BgNbdModel.Expected(model.R + x[i], model.Alpha + age[i], model.A, model.B + x[i], t);
        }

        return expected;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    [Trait("Category", "Kernel")]
    public void Series_batch_is_within_1e_13_of_the_per_row_series(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        double worst = 0;
        foreach (int n in new[] { 65, 1023, 1025, (3 * BgNbdPredictionKernel.BlockLength) + 5 })
        {
            var (x, tx, t) = Customers(n, seed: n);
            foreach (var model in Models)
            {
                // z from about 1e-8 (t = 1e-6) through 0.5 (t ≈ α + T) to beyond 0.9 (t = 300: z from 0.74 to 0.98).
                foreach (double horizon in new[] { 1e-6, 0.5, 5, 39, 300, 1e4 })
                {
                    var actual = new double[n];
                    Array.Fill(actual, -7);
                    BgNbdPredictionKernel.Batch(model, horizon, x, tx, t, actual, path, maxParts: 1, series: true);
                    double[] expected = Reference(model, horizon, x, tx, t, path);
                    for (int i = 0; i < n; i++)
                    {
                        if (double.IsNaN(expected[i]))
                        {
                            // The per-row long-horizon form's own NaN (far beyond the table: x in the thousands, z > 0.9) stays.
                            Assert.True(double.IsNaN(actual[i]), $"{path} {model} t {horizon} row {i}");
                            continue;
                        }

                        double error = Math.Abs(actual[i] - expected[i]);
                        Assert.True(error <= (1e-13 * Math.Abs(expected[i])) + 1e-300,
                            $"{path} {model} t {horizon} n {n} row {i} (x {x[i]}, T {t[i]}): {actual[i]:R} vs {expected[i]:R}");
                        worst = Math.Max(worst, expected[i] == 0 ? 0 : error / Math.Abs(expected[i]));
                    }
                }
            }
        }

        Assert.True(worst < 1e-13, $"worst relative difference {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    [Trait("Category", "Kernel")]
    public void Series_batch_keeps_nan_zero_and_infinite_horizons_and_tiny_inputs_bit_for_bit(int pathNumber)
    {
        // t NaN (P(alive)), 0 and ∞ do not use the table; inputs of at most 64 rows take the per-row series.
        var path = (VectorPath)pathNumber;
        foreach (int n in new[] { 0, 1, 7, 64, 1025 })
        {
            var (x, tx, t) = Customers(n, seed: 3 + n);
            foreach (double horizon in new[] { double.NaN, 0, double.PositiveInfinity, 39 })
            {
                if (horizon == 39 && n > 64)
                {
                    continue;
                }

                var model = double.IsPositiveInfinity(horizon) ? Models[1] : Models[0];
                var actual = new double[n];
                BgNbdPredictionKernel.Batch(model, horizon, x, tx, t, actual, path, maxParts: 1, series: true);
                double[] expected = Reference(model, horizon, x, tx, t, path);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]));
                }
            }
        }
    }

    [Fact]
    [Trait("Category", "Kernel")]
    public void Series_batch_is_the_same_on_one_thread_and_in_parts_and_matches_the_per_customer_api()
    {
        int n = (2 * BgNbdPredictionKernel.MinPartLength) + 17;
        var (x, tx, t) = Customers(n, seed: 11);
        var model = Models[0];
        double[] one = new double[n], parts = new double[n], api = new double[n];
        BgNbdPredictionKernel.Batch(model, 39, x, tx, t, one, VectorPath.Auto, maxParts: 1, series: true);
        BgNbdPredictionKernel.Batch(model, 39, x, tx, t, parts, VectorPath.Auto, series: true);
        model.ConditionalExpectedPurchases(39, x, tx, t, api);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(one[i]), BitConverter.DoubleToInt64Bits(parts[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(one[i]), BitConverter.DoubleToInt64Bits(api[i]));
            if (i % 97 == 0)
            {
                double scalar = model.ConditionalExpectedPurchases(39, x[i], tx[i], t[i]);
                Assert.True(Math.Abs(api[i] - scalar) <= (1e-13 * (1 + x[i]) * scalar) + 1e-300, $"row {i}: {api[i]:R} vs {scalar:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    [Trait("Category", "Kernel")]
    public void Series_batch_throws_at_the_first_bad_row_as_before(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        var (x0, tx0, t0) = Customers((2 * BgNbdPredictionKernel.BlockLength) + 13, seed: 2);
        foreach (int at in new[] { 0, 5, BgNbdPredictionKernel.BlockLength + 6, x0.Length - 1 })
        {
            foreach (var (parameter, bx, btx, bt) in new[] { ("frequency", 2.5, 1.0, 5.0), ("age", 0.0, 0.0, double.NaN), ("recency", 2.0, 5.5, 5.0) })
            {
                double[] x = (double[])x0.Clone(), tx = (double[])tx0.Clone(), t = (double[])t0.Clone();
                (x[at], tx[at], t[at]) = (bx, btx, bt);
                var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BgNbdPredictionKernel.Batch(Models[0], 39, x, tx, t, new double[x.Length], path, maxParts: 1, series: true));
                Assert.Equal(parameter, ex.ParamName);
                Assert.Contains($"{parameter}[{at}]", ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Table_polynomials_match_the_series_at_bin_edges_and_centres()
    {
        // E at (r + x, α, a, b + x) with z = t/(α + t): choose t for each z; the polynomial about the bin's z₀ at z.
        var model = Models[0];
        Span<double> e = stackalloc double[BgNbdSeriesTable.MaxTerms];
        foreach (int x in new[] { 0, 1, 7, 60, 255 })
        {
            foreach (int bin in new[] { 0, 1, 2, 20, 40, 57 })
            {
                double h = BgNbdSeriesTable.Expected(model.R + x, model.A, model.B + x, bin, e);
                int terms = BgNbdSeriesTable.Trim(e, h);
                if (terms < 0)
                {
                    continue;
                }

                foreach (double fraction in new[] { 0.001, 0.5, 0.999 })
                {
                    double z = (bin + fraction) / BgNbdSeriesTable.Bins, alpha = 10, t = alpha * z / (1 - z);
                    double zRow = t / (alpha + t), u = zRow - BgNbdSeriesTable.Centre(bin), sum = 0;
                    for (int j = terms - 1; j >= 0; j--)
                    {
                        sum = Math.FusedMultiplyAdd(sum, u, e[j]);
                    }

                    double series = BgNbdModel.Expected(model.R + x, alpha, model.A, model.B + x, t);
                    Assert.True(Math.Abs(sum - series) <= 1e-13 * series, $"x {x} bin {bin} z {zRow}: {sum:R} vs {series:R}");
                }
            }
        }
    }
}
