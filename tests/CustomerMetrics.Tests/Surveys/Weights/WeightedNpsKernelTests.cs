using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Surveys;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys.Weights;

/// <summary>
/// The weighted NPS kernel on every forced vector path against a plain scalar reference written here (Neumaier sums
/// straight from the definition), on every length 0..10,000 with dirty scores and weights of wildly different sizes.
/// </summary>
[Trait("Category", "Kernel")]
public class WeightedNpsKernelTests
{
    private static readonly VectorPath[] AllPaths = Enum.GetValues<VectorPath>();

    /// <summary>Weights from 1e-6 to 1e6, zeros, and now and then a negative, NaN or infinite one.</summary>
    internal static double[] Weights(int length, int seed, bool dirty)
    {
        var random = new Random(seed);
        var weights = new double[length];
        for (int i = 0; i < length; i++)
        {
            int kind = random.Next(100);
            weights[i] = !dirty || kind >= 4 ? Math.Pow(10, (random.NextDouble() * 12) - 6) * random.NextDouble()
                : kind switch
                {
                    0 => -1.5,
                    1 => double.NaN,
                    2 => double.PositiveInfinity,
                    _ => 0,
                };
        }

        return weights;
    }

    private static (double P, double Q, double D, double S, long Valid, long Invalid) Reference(byte[] scores, double[] weights)
    {
        double p = 0, pc = 0, q = 0, qc = 0, d = 0, dc = 0, s = 0, sc = 0;
        long valid = 0, invalid = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            double w = weights[i];
            if (scores[i] > 10 || double.IsNaN(w) || w < 0 || double.IsInfinity(w))
            {
                invalid++;
                continue;
            }

            valid++;
            Neumaier(ref s, ref sc, w * w);
            if (scores[i] >= 9)
            {
                Neumaier(ref p, ref pc, w);
            }
            else if (scores[i] >= 7)
            {
                Neumaier(ref q, ref qc, w);
            }
            else
            {
                Neumaier(ref d, ref dc, w);
            }
        }

        return (p + pc, q + qc, d + dc, s + sc, valid, invalid);

        static void Neumaier(ref double sum, ref double c, double x)
        {
            double t = sum + x;
            c += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }
    }

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-14 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 150)]
    public void Every_path_matches_the_scalar_reference_on_every_length(Entries entries, bool dirty)
    {
        double[] weights = Weights(entries.Values.Length, entries.Values.Length * 31, dirty);
        var expected = Reference(entries.Values, weights);
        foreach (VectorPath path in AllPaths)
        {
            WeightedNpsResult result = Nps.CalculateWeighted(entries.Values, weights, lenient: true, path);
            Assert.Equal(expected.Valid, result.Count);
            Assert.Equal(expected.Invalid, result.Rejected);
            Close(expected.P, result.PromoterWeight);
            Close(expected.Q, result.PassiveWeight);
            Close(expected.D, result.DetractorWeight);
            Close(expected.S, result.SumOfSquaredWeights);
        }
    }

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 100)]
    public void Strict_paths_throw_at_the_first_bad_index_or_match_lenient(Entries entries)
    {
        double[] weights = Weights(entries.Values.Length, entries.Values.Length * 7 + 1, dirty: true);
        int first = Enumerable.Range(0, weights.Length).FirstOrDefault(i => entries.Values[i] > 10 || !(weights[i] >= 0) || double.IsInfinity(weights[i]), -1);
        foreach (VectorPath path in AllPaths)
        {
            if (first < 0)
            {
                Assert.Equal(Nps.CalculateWeighted(entries.Values, weights, lenient: true, path), Nps.CalculateWeighted(entries.Values, weights, lenient: false, path));
                continue;
            }

            var e = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateWeighted(entries.Values, weights, lenient: false, path));
            string name = entries.Values[first] > 10 ? "scores" : "weights";
            Assert.Equal(name, e.ParamName);
            Assert.Contains($"{name}[{first}]", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sums_stay_exact_where_a_naive_sum_loses_the_small_weights()
    {
        // One weight of 1e16 then a million weights of 1: a naive double sum stays at 1e16; the exact total is 1e16 + 1e6.
        int n = 1_000_001;
        byte[] scores = new byte[n];
        Array.Fill(scores, (byte)10);
        double[] weights = new double[n];
        Array.Fill(weights, 1.0);
        weights[0] = 1e16;
        foreach (VectorPath path in AllPaths)
        {
            WeightedNpsResult result = Nps.CalculateWeighted(scores, weights, lenient: false, path);
            Assert.Equal(1e16 + 1e6, result.PromoterWeight);
            Assert.Equal(1e32 + 1e6, result.SumOfSquaredWeights);
        }
    }
}
