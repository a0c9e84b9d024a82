using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Surveys;
using FsCheck;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace CustomerMetrics.Tests.Surveys.Weights;

/// <summary>
/// Raking against independent oracles: the closed form for one variable (w = target share ÷ sample share), and for
/// several variables the multiplicative calibration of Deville &amp; Särndal (1992) solved here by Newton's method on
/// the Lagrange multipliers (w_i = d_i·exp(x_i·λ)), which is the fixed point of iterative proportional fitting.
/// </summary>
public class RakingTests
{
    /// <summary>A random survey: n responses, variables with 2–4 categories, every category present, share targets.</summary>
    internal static (int[][] Codes, double[][] Shares) Survey(int seed, int n, int variables)
    {
        var random = new Random(seed);
        var codes = new int[variables][];
        var shares = new double[variables][];
        for (int v = 0; v < variables; v++)
        {
            int k = 2 + random.Next(3);
            // Skewed sample shares (category c drawn with probability ∝ c + 1 + v) so that the weights differ.
            codes[v] = new int[n];
            for (int i = 0; i < n; i++)
            {
                codes[v][i] = i < k ? i : Draw(random, k, v);
            }

            double[] raw = Enumerable.Range(0, k).Select(_ => 0.1 + random.NextDouble()).ToArray();
            shares[v] = raw.Select(x => x / raw.Sum()).ToArray();
        }

        return (codes, shares);

        static int Draw(Random random, int k, int v)
        {
            double total = Enumerable.Range(0, k).Sum(c => c + 1.0 + v);
            double u = random.NextDouble() * total;
            for (int c = 0; c < k; c++)
            {
                u -= c + 1.0 + v;
                if (u < 0)
                {
                    return c;
                }
            }

            return k - 1;
        }
    }

    private static RakingMargin[] Margins(int[][] codes, double[][] shares) =>
        codes.Select((c, v) => RakingMargin.FromShares($"v{v}", c, shares[v])).ToArray();

    /// <summary>Newton's method on λ for Σ d_i exp(x_i·λ) x_i = t, x_i the category indicators (one dropped per extra variable).</summary>
    private static double[] Calibrate(int[][] codes, double[][] targets, double[] baseWeights)
    {
        int n = baseWeights.Length;
        var columns = new List<(int Variable, int Category)>();
        for (int v = 0; v < codes.Length; v++)
        {
            int k = targets[v].Length - (v == 0 ? 0 : 1);
            for (int c = 0; c < k; c++)
            {
                columns.Add((v, c));
            }
        }

        int p = columns.Count;
        Vector<double> lambda = Vector<double>.Build.Dense(p);
        var w = new double[n];
        for (int iteration = 0; iteration < 100; iteration++)
        {
            Vector<double> f = Vector<double>.Build.Dense(p);
            Matrix<double> j = Matrix<double>.Build.Dense(p, p);
            for (int i = 0; i < n; i++)
            {
                int[] active = Enumerable.Range(0, p).Where(a => codes[columns[a].Variable][i] == columns[a].Category).ToArray();
                w[i] = baseWeights[i] * Math.Exp(active.Sum(a => lambda[a]));
                foreach (int a in active)
                {
                    f[a] += w[i];
                    foreach (int b in active)
                    {
                        j[a, b] += w[i];
                    }
                }
            }

            for (int a = 0; a < p; a++)
            {
                f[a] -= targets[columns[a].Variable][columns[a].Category];
            }

            if (f.AbsoluteMaximum() < 1e-11 * n)
            {
                return w;
            }

            lambda -= j.Solve(f);
        }

        throw new InvalidOperationException("Newton did not converge.");
    }

    [Fact]
    public void One_variable_is_the_closed_form_target_share_over_sample_share()
    {
        int[] region = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2];
        double[] shares = [0.3, 0.3, 0.4];
        var weights = new double[region.Length];
        RakingResult result = Raking.Rake([RakingMargin.FromShares("region", region, shares)], weights);
        Assert.True(result.Converged, result.Reason);
        Assert.Equal(1, result.Iterations);
        for (int i = 0; i < region.Length; i++)
        {
            double sampleShare = region.Count(c => c == region[i]) / (double)region.Length;
            Assert.Equal(shares[region[i]] / sampleShare, weights[i], 12);
        }

        // Kish: n Σw² / (Σw)², computed here from the weights.
        double sum = weights.Sum(), squares = weights.Sum(w => w * w);
        Assert.Equal(region.Length * squares / (sum * sum), result.DesignEffect, 12);
        Assert.Equal(sum * sum / squares, result.EffectiveSampleSize, 12);
        Assert.Equal(region.Length, result.TotalWeight, 12);
    }

    [Theory]
    [InlineData(1, 300, 2)]
    [InlineData(2, 500, 3)]
    [InlineData(3, 1000, 3)]
    public void Several_variables_match_Newton_calibration_with_and_without_base_weights(int seed, int n, int variables)
    {
        (int[][] codes, double[][] shares) = Survey(seed, n, variables);
        var random = new Random(seed);
        double[] baseWeights = Enumerable.Range(0, n).Select(_ => 0.5 + (2 * random.NextDouble())).ToArray();
        double[][] totals = shares.Select(s => s.Select(x => x * n).ToArray()).ToArray();
        var options = new RakingOptions { Tolerance = 1e-13, MaxIterations = 10_000 };
        foreach (bool withBase in new[] { false, true })
        {
            double[] d = withBase ? baseWeights : Enumerable.Repeat(1.0, n).ToArray();
            var weights = new double[n];
            RakingResult result = withBase
                ? Raking.Rake(Margins(codes, shares), baseWeights, weights, options)
                : Raking.Rake(Margins(codes, shares), weights, options);
            Assert.True(result.Converged, result.Reason);
            double[] oracle = Calibrate(codes, totals, d);
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(weights[i] - oracle[i]) <= 1e-9 * oracle[i], $"weights[{i}] = {weights[i]:R}, Newton {oracle[i]:R}");
            }
        }
    }

    [Property(MaxTest = 60)]
    public void Raked_weights_reproduce_the_margins_and_are_invariant_under_permutation(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        int n = 100 + random.Next(300);
        int variables = 1 + random.Next(3);
        (int[][] codes, double[][] shares) = Survey(seed.Get, n, variables);
        var weights = new double[n];
        var options = new RakingOptions { Tolerance = 1e-12, MaxIterations = 5_000 };
        RakingResult result = Raking.Rake(Margins(codes, shares), weights, options);
        Assert.True(result.Converged, result.Reason);
        for (int v = 0; v < variables; v++)
        {
            for (int k = 0; k < shares[v].Length; k++)
            {
                double share = Enumerable.Range(0, n).Where(i => codes[v][i] == k).Sum(i => weights[i]) / weights.Sum();
                Assert.Equal(shares[v][k], share, 10);
            }
        }

        int[] order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        int[][] permuted = codes.Select(c => order.Select(i => c[i]).ToArray()).ToArray();
        var permutedWeights = new double[n];
        Assert.True(Raking.Rake(Margins(permuted, shares), permutedWeights, options).Converged);
        for (int j = 0; j < n; j++)
        {
            Assert.True(Math.Abs(permutedWeights[j] - weights[order[j]]) <= 1e-9 * weights[order[j]]);
        }
    }

    [Fact]
    public void Totals_make_the_weights_sum_to_the_population_and_byte_codes_equal_int_codes()
    {
        (int[][] codes, double[][] shares) = Survey(9, 400, 2);
        double[][] totals = shares.Select(s => s.Select(x => x * 1_000_000).ToArray()).ToArray();
        var fromTotals = new double[400];
        var tight = new RakingOptions { Tolerance = 1e-13, MaxIterations = 10_000 };
        RakingResult result = Raking.Rake([RakingMargin.FromTotals("a", codes[0], totals[0]), RakingMargin.FromTotals("b", codes[1].Select(c => (byte)c).ToArray(), totals[1])], fromTotals, tight);
        Assert.True(result.Converged, result.Reason);
        Assert.Equal(1_000_000, fromTotals.Sum(), 6);
        var fromShares = new double[400];
        Raking.Rake(Margins(codes, shares), fromShares, tight);
        for (int i = 0; i < 400; i++)
        {
            Assert.Equal(fromShares[i] * 1_000_000 / 400, fromTotals[i], 6);
        }
    }

    [Fact]
    public void Trimming_caps_the_weights_and_re_rakes_to_the_margins()
    {
        // A0B1 is 2 % of the sample, B1 should be 40 %: untrimmed, A0B1 weighs about 3 × the mean. A cap of 2.5 × is
        // reachable (A0B1 at the cap, the other cells take up the rest).
        int n = 400;
        int[] a = Enumerable.Range(0, n).Select(i => i < 200 ? 0 : 1).ToArray();
        int[] b = Enumerable.Range(0, n).Select(i => i < 8 || (i >= 200 && i < 272) ? 1 : 0).ToArray();
        RakingMargin[] margins = [RakingMargin.FromShares("a", a, [0.5, 0.5]), RakingMargin.FromShares("b", b, [0.6, 0.4])];
        var untrimmed = new double[n];
        Assert.True(Raking.Rake(margins, untrimmed).Converged);
        Assert.True(untrimmed.Max() > 2.6);

        var weights = new double[n];
        RakingResult result = Raking.Rake(margins, weights, new RakingOptions { UpperTrim = 2.5, MaxIterations = 10_000 });
        Assert.True(result.Converged, result.Reason);
        Assert.Equal(8, result.Trimmed);
        Assert.True(weights.Max() <= 2.5 * weights.Average() * (1 + 1e-6));
        Assert.Equal(0.4, Enumerable.Range(0, n).Where(i => b[i] == 1).Sum(i => weights[i]) / n, 5);
        Assert.True(result.DesignEffect < n * untrimmed.Sum(w => w * w) / Math.Pow(untrimmed.Sum(), 2));

        // One variable: every weight of a category is the same, so a cap below the needed weight cannot be met.
        RakingResult stuck = Raking.Rake([margins[1]], weights, new RakingOptions { UpperTrim = 1.5, MaxIterations = 50 });
        Assert.False(stuck.Converged);
        Assert.Equal(50, stuck.Iterations);
        Assert.Contains("trimming", stuck.Reason, StringComparison.Ordinal);
        Assert.True(stuck.MaxMarginError > 0.01);
    }

    [Fact]
    public void Incompatible_margins_report_no_convergence_with_the_reason()
    {
        // Two variables coded identically in the sample but with different targets: no weighting meets both.
        int[] codes = [0, 0, 1, 1, 1];
        var weights = new double[5];
        RakingResult result = Raking.Rake([RakingMargin.FromShares("x", codes, [0.5, 0.5]), RakingMargin.FromShares("y", codes, [0.2, 0.8])], weights);
        Assert.False(result.Converged);
        Assert.Equal(100, result.Iterations);
        Assert.NotNull(result.Reason);
        Assert.Contains("did not converge", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_names_the_argument_index_and_value()
    {
        var weights = new double[4];
        var code = Assert.Throws<ArgumentOutOfRangeException>(() => Raking.Rake([RakingMargin.FromShares("ok", new[] { 0, 1, 0, 1 }, [0.5, 0.5]), RakingMargin.FromShares("region", new[] { 0, 1, 5, 1 }, [0.5, 0.5])], weights));
        Assert.Contains("margins[1].Codes[2] is 5; valid values are 0 to 1", code.Message, StringComparison.Ordinal);
        var byteCode = Assert.Throws<ArgumentOutOfRangeException>(() => Raking.Rake([RakingMargin.FromShares("r", new byte[] { 0, 3, 0, 1 }, [0.5, 0.5])], weights));
        Assert.Contains("margins[0].Codes[1] is 3", byteCode.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<ArgumentException>(() => Raking.Rake([RakingMargin.FromShares("region", new[] { 0, 0, 1, 1 }, [0.4, 0.4, 0.2])], weights));
        Assert.Contains("'region') category 2 has target 0.2 but no response", empty.Message, StringComparison.Ordinal);

        var sum = Assert.Throws<ArgumentException>(() => RakingMargin.FromShares("region", new[] { 0, 1 }, [0.5, 0.75]));
        Assert.Contains("sum to 1.25", sum.Message, StringComparison.Ordinal);
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => RakingMargin.FromShares("region", new[] { 0, 1 }, [double.NaN, 1]));
        Assert.Contains("shares[0] is NaN", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => RakingMargin.FromTotals("t", new[] { 0, 1 }, [-1, 5]));

        var length = Assert.Throws<ArgumentException>(() => Raking.Rake([RakingMargin.FromShares("r", new[] { 0, 1, 0 }, [0.5, 0.5])], weights));
        Assert.Contains("has 3 codes but there are 4 weights", length.Message, StringComparison.Ordinal);
        var baseWeight = Assert.Throws<ArgumentOutOfRangeException>(() => Raking.Rake([RakingMargin.FromShares("r", new[] { 0, 1, 0, 1 }, [0.5, 0.5])], new[] { 1, double.NaN, 1, 1 }, weights, null));
        Assert.Contains("baseWeights[1] is NaN", baseWeight.Message, StringComparison.Ordinal);
        var populations = Assert.Throws<ArgumentException>(() => Raking.Rake([RakingMargin.FromTotals("a", new[] { 0, 1, 0, 1 }, [10, 10]), RakingMargin.FromTotals("b", new[] { 0, 1, 0, 1 }, [10, 11])], weights));
        Assert.Contains("same population", populations.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Raking.Rake([], weights));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RakingOptions { Tolerance = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RakingOptions { UpperTrim = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RakingOptions { LowerTrim = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RakingOptions { MaxIterations = 0 });
    }

    [Fact]
    public void Result_round_trips_through_json_and_rejects_impossible_state()
    {
        (int[][] codes, double[][] shares) = Survey(4, 200, 2);
        RakingResult result = Raking.Rake(Margins(codes, shares), new double[200]);
        string json = JsonSerializer.Serialize(result, CustomerMetricsJsonContext.Default.RakingResult);
        Assert.Equal(result, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.RakingResult));
        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => new RakingResult(true, "why", 1, 0, 2, 2, 2, 0)).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => new RakingResult(false, null, 1, 0.1, 2, 2, 2, 0)).ParamName);
        Assert.Equal("trimmed", Assert.Throws<ArgumentException>(() => new RakingResult(true, null, 1, 0, 2, 2, 2, 3)).ParamName);
        Assert.Equal("sumOfSquaredWeights", Assert.Throws<ArgumentException>(() => new RakingResult(true, null, 1, 0, 2, 2, 1, 0)).ParamName);
    }
}
