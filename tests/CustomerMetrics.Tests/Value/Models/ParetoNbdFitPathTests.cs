using CustomerMetrics.Value.Models;
using MathNet.Numerics.LinearAlgebra;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>
/// The fast fit paths against the previous ones: the interleaved Horner chains against one chain per row (bit for bit), and
/// the small-fit search from the start's Hessian against the previous algorithm (MathNet's BFGS from the same start on the
/// one-chain evaluation, one thread).
/// </summary>
public class ParetoNbdFitPathTests
{
    [Theory]
    [Trait("Category", "Kernel")]
    [MemberData(nameof(ParetoNbdTests.ParameterSets), MemberType = typeof(ParetoNbdTests))]
    public void Interleaved_horner_chains_give_the_same_bits_as_one_chain_per_row(double r, double alpha, double s, double beta)
    {
        // CDNOW (4 blocks) and ~15,000 simulated distinct rows; one thread and forked; at the parameter set and at 20 seeded
        // points around it (log parameters moved by up to ±2: the ridge probes' range).
        var d = CdnowSummary.Data;
        var (sx, stx, st) = ParetoNbdTests.Simulate(0.553, 10.578, 0.606, 11.669, 40_000, 5);
        var random = new Random(17);
        double[] centre = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        foreach (var (x, tx, t) in new[] { (d.Frequency, d.Recency, d.Age), (sx, stx, st) })
        {
            var reference = new ParetoNbdData(x, tx, t, default, "test") { Parallel = false, InterleavedHorner = false };
            var serial = new ParetoNbdData(x, tx, t, default, "test") { Parallel = false };
            var forked = new ParetoNbdData(x, tx, t, default, "test") { ForkBlocks = 1 };
            for (int point = 0; point < 21; point++)
            {
                double[] log = point == 0 ? centre : centre.Select(v => v + ((4 * random.NextDouble()) - 2)).ToArray();
                var expectedGradient = new double[4];
                double expected = reference.LogLikelihood(log, expectedGradient);
                foreach (var data in new[] { serial, forked })
                {
                    var gradient = new double[4];
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(data.LogLikelihood(log, gradient)));
                    Assert.Equal(expectedGradient.Select(BitConverter.DoubleToInt64Bits), gradient.Select(BitConverter.DoubleToInt64Bits));
                }
            }
        }
    }

    public static TheoryData<string> SmallDataSets => new() { "cdnow", "alpha-below-beta", "alpha-above-beta", "high-frequency" };

    [Theory]
    [MemberData(nameof(SmallDataSets))]
    public void Small_fit_from_the_start_curvature_reaches_the_previous_algorithms_maximum(string name)
    {
        var (x, tx, t) = Data(name);
        var fit = ParetoNbd.Fit(x, tx, t);
        var previous = Previous(x, tx, t);
        Assert.True(fit.FitInfo.Converged, fit.ToString());
        Assert.True(previous.Info.Converged, previous.Info.ToString());
        Assert.Equal(previous.Ll, fit.LogLikelihood, 1e-9 * Math.Abs(previous.Ll));
        double[] ours = [fit.R, fit.Alpha, fit.S, fit.Beta];
        double[] errors = [fit.RStandardError, fit.AlphaStandardError, fit.SStandardError, fit.BetaStandardError];
        for (int i = 0; i < 4; i++)
        {
            double theirs = Math.Exp(previous.LogParameters[i]);
            Assert.Equal(theirs, ours[i], 1e-6 * theirs);
            Assert.Equal(previous.Errors[i], errors[i], 1e-4 * previous.Errors[i]);
        }

        // The new search was taken (it would fail if the fit fell back to MathNet's BFGS): fewer evaluations, checks included.
        Assert.True(fit.FitInfo.Evaluations < previous.Info.Evaluations, $"{fit.FitInfo} vs {previous.Info}");
    }

    [Fact]
    public void A_ridge_is_still_reported_as_not_converged()
    {
        // Every repeat buyer bought last at the end of observation (tₓ = T): nobody is seen to drop out, so the dropout
        // rate runs to 0 along a ridge. The fit must say so, as the previous algorithm does.
        var (x, _, t) = ParetoNbdTests.Simulate(0.553, 10.578, 0.606, 11.669, 2_000, 23);
        double[] tx = x.Select((v, i) => v > 0 ? t[i] : 0).ToArray();
        var previous = Previous(x, tx, t);
        Assert.False(previous.Info.Converged, previous.Info.ToString());
        var fit = ParetoNbd.Fit(x, tx, t);
        Assert.False(fit.FitInfo.Converged, fit.ToString());
        Assert.False(string.IsNullOrEmpty(fit.FitInfo.Reason));
    }

    [Fact]
    public void Start_curvature_search_reaches_a_quadratics_minimum_and_declines_a_non_convex_start()
    {
        // A convex quadratic ½ (p − m)ᵀ A (p − m): the minimum m, with every Finish check passed.
        double[] m = [0.3, -1.2, 2.0, 0.7];
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 1, 0, 0 }, { 1, 3, 0.5, 0 }, { 0, 0.5, 2, 0.2 }, { 0, 0, 0.2, 1 } });
        double Quadratic(ReadOnlySpan<double> p, Span<double> gradient)
        {
            var d = Vector<double>.Build.Dense(4);
            for (int i = 0; i < 4; i++)
            {
                d[i] = p[i] - m[i];
            }

            var ad = a * d;
            for (int i = 0; i < 4; i++)
            {
                gradient[i] = ad[i];
            }

            return 0.5 * (d * ad);
        }

        var result = ModelOptimizer.MinimizeFromStartCurvature(Quadratic, [0, 0, 0, 0], "test");
        Assert.NotNull(result);
        Assert.True(result.Value.Info.Converged, result.Value.Info.ToString());
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(m[i], result.Value.LogParameters[i], 1e-9);
        }

        // Negative curvature at the start: no positive definite first curvature, the caller falls back (null).
        static double Saddle(ReadOnlySpan<double> p, Span<double> gradient)
        {
            gradient[0] = -2 * p[0];
            for (int i = 1; i < 4; i++)
            {
                gradient[i] = 2 * p[i];
            }

            return -(p[0] * p[0]) + (p[1] * p[1]) + (p[2] * p[2]) + (p[3] * p[3]);
        }

        Assert.Null(ModelOptimizer.MinimizeFromStartCurvature(Saddle, [0.5, 0.5, 0.5, 0.5], "test"));
    }

    private static (double[] X, double[] Tx, double[] T) Data(string name)
    {
        var d = CdnowSummary.Data;
        return name switch
        {
            "cdnow" => (d.Frequency, d.Recency, d.Age),
            "alpha-below-beta" => ParetoNbdTests.Simulate(0.8, 8, 0.9, 12, 3_000, 7),
            "alpha-above-beta" => ParetoNbdTests.Simulate(0.553, 11.669, 0.606, 10.578, 3_000, 8),
            _ => ParetoNbdTests.Simulate(3, 2, 0.5, 20, 2_000, 9),
        };
    }

    /// <summary>The previous algorithm for data below the subsample threshold: MathNet's BFGS from the usual start on the
    /// one-chain evaluation, one thread; standard errors from its identification Hessian.</summary>
    private static (double[] LogParameters, double Ll, ModelFitInfo Info, double[] Errors) Previous(double[] x, double[] tx, double[] t)
    {
        var data = new ParetoNbdData(x, tx, t, default, "test") { Parallel = false, InterleavedHorner = false };
        Assert.True(data.DistinctRows < ParetoNbd.SubsampleThreshold);
        var result = ModelOptimizer.Minimize(data.Objective, ParetoNbd.Start(data), "test");
        double ll = data.LogLikelihood(result.LogParameters, new double[4]);
        return (result.LogParameters, ll, result.Info, ModelOptimizer.StandardErrors(result, data.TotalWeight, 0, data.NegativeLogLikelihood));
    }
}
