using System.Globalization;
using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value.Models;
using MathNet.Numerics;

namespace CustomerMetrics.Tests.Value.Models;

public class BgBbTests
{
    internal static readonly Lazy<(double[] X, double[] Tx, double[] N, double[] W)> Donations = new(() =>
    {
        var rows = File.ReadAllLines(TestData.Cdnow("donations.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1]).ToArray(), rows.Select(r => r[2]).ToArray(), rows.Select(r => r[3]).ToArray());
    });

    internal static readonly Lazy<BgBbModel> Fitted = new(() => BgBb.Fit(Donations.Value.X, Donations.Value.Tx, Donations.Value.N, Donations.Value.W));

    [Fact]
    public void Donations_fit_reproduces_Fader_Hardie_Shang_2010()
    {
        BgBbModel m = Fitted.Value;
        Assert.True(m.FitInfo.Converged, m.ToString());
        Assert.Equal(1.204, m.Alpha, 0.001);
        Assert.Equal(0.750, m.Beta, 0.001);
        Assert.Equal(0.657, m.Gamma, 0.001);
        Assert.Equal(2.783, m.Delta, 0.001);
        Assert.Equal(-33225.6, m.LogLikelihood, 0.05);
        Assert.Equal(11104, m.Customers);
        Assert.Equal((2 * 4) + (2 * 33225.6), m.Aic, 0.1);
        foreach (double se in new[] { m.AlphaStandardError, m.BetaStandardError, m.GammaStandardError, m.DeltaStandardError })
        {
            Assert.True(se > 0 && se < 1, m.ToString());
        }
    }

    [Fact]
    public void Log_likelihood_and_predictions_match_brute_force_enumeration_over_the_latent_paths()
    {
        // For fixed (p, θ) the probability of a history is a sum over death times; integrate p and θ over their betas by
        // Gauss–Legendre on a fine grid: an independent computation of L, P(alive), E[X(n)] and P(X(n) = x).
        var m = new BgBbModel(1.204, 0.750, 0.657, 2.783);
        foreach ((int x, int tx, int n) in new[] { (0, 0, 6), (3, 5, 6), (6, 6, 6), (1, 1, 6), (2, 7, 10) })
        {
            double oracle = Mix(m, (p, th) => PathProbability(p, th, x, tx, n));
            Assert.Equal(Math.Log(oracle), m.CustomerLogLikelihood(x, tx, n), 1e-7);
            double alive = Mix(m, (p, th) => Math.Pow(p, x) * Math.Pow(1 - p, n - x) * Math.Pow(1 - th, n + 1)) / oracle;
            Assert.Equal(alive, m.ProbabilityAlive(x, tx, n), 1e-7);
            double future = Mix(m, (p, th) => (Math.Pow(p, x) * Math.Pow(1 - p, n - x) * Math.Pow(1 - th, n) * p * Enumerable.Range(1, 5).Sum(k => Math.Pow(1 - th, k)))) / oracle;
            Assert.Equal(future, m.ConditionalExpectedTransactions(5, x, tx, n), 1e-7);

            // DERT: the discounted sum over all future opportunities, summed to convergence.
            double d = 0.1;
            double dert = Mix(m, (p, th) => Math.Pow(p, x) * Math.Pow(1 - p, n - x) * Math.Pow(1 - th, n) * p * (1 - th) / (1 + d) / (1 - ((1 - th) / (1 + d)))) / oracle;
            Assert.Equal(dert, m.DiscountedExpectedResidualTransactions(d, x, tx, n), 1e-6);
        }

        double total = 0, mean = 0;
        for (int k = 0; k <= 6; k++)
        {
            double p = m.ProbabilityOfTransactions(6, k);
            total += p;
            mean += k * p;
        }

        Assert.Equal(1, total, 1e-12);
        Assert.Equal(m.ExpectedTransactions(6), mean, 1e-12);
        Assert.Equal(Mix(m, (p, th) => p * Enumerable.Range(1, 6).Sum(k => Math.Pow(1 - th, k))), m.ExpectedTransactions(6), 1e-7);

        // Closed form of eq. 7 at γ ≠ 1.
        double closed = m.Alpha / (m.Alpha + m.Beta) * m.Delta / (m.Gamma - 1)
            * (1 - Math.Exp(SpecialFunctions.GammaLn(m.Gamma + m.Delta) - SpecialFunctions.GammaLn(m.Gamma + m.Delta + 6) + SpecialFunctions.GammaLn(1 + m.Delta + 6) - SpecialFunctions.GammaLn(1 + m.Delta)));
        Assert.Equal(closed, m.ExpectedTransactions(6), 1e-12);
        Assert.Equal(0, m.ProbabilityOfTransactions(6, 7));
    }

    [Fact]
    public void Invalid_input_and_json()
    {
        Assert.Throws<ModelFitException>(() => BgBb.Fit([0.0], [0.0], [6.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgBb.Fit([2.0], [1.0], [6.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgBb.Fit([2.0], [7.0], [6.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgBb.Fit([0.0], [1.0], [6.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgBb.Fit([1.0], [1.0], [0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgBbModel(0, 1, 1, 1));
        Assert.Throws<InvalidOperationException>(() => default(BgBbModel).ExpectedTransactions(3));
        foreach (BgBbModel model in new[] { Fitted.Value, new BgBbModel(1, 2, 3, 4), default })
        {
            string json = JsonSerializer.Serialize(model, CustomerMetricsJsonContext.Default.BgBbModel);
            Assert.Equal(model, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.BgBbModel));
        }
    }

    /// <summary>P(history | p, θ): alive through n (transactions x of n), or dead at opportunity tₓ + i + 1 for i = 0 … n − tₓ − 1.</summary>
    private static double PathProbability(double p, double th, int x, int tx, int n)
    {
        double sum = Math.Pow(p, x) * Math.Pow(1 - p, n - x) * Math.Pow(1 - th, n);
        for (int i = 0; i < n - tx; i++)
        {
            sum += Math.Pow(p, x) * Math.Pow(1 - p, tx - x + i) * th * Math.Pow(1 - th, tx + i);
        }

        return sum;
    }

    /// <summary>∫∫ f(p, θ) Beta(p; α, β) Beta(θ; γ, δ) dp dθ by nested tanh-sinh quadrature (which copes with the integrable end singularities of the beta densities).</summary>
    private static double Mix(BgBbModel m, Func<double, double, double> f)
    {
        double lnBab = SpecialFunctions.BetaLn(m.Alpha, m.Beta), lnBgd = SpecialFunctions.BetaLn(m.Gamma, m.Delta);
        double Density(double v, double a, double b, double lnB) => Math.Exp(((a - 1) * Math.Log(v)) + ((b - 1) * Math.Log(1 - v)) - lnB);
        return MathNet.Numerics.Integrate.DoubleExponential(
            p => Density(p, m.Alpha, m.Beta, lnBab) * MathNet.Numerics.Integrate.DoubleExponential(
                th => Density(th, m.Gamma, m.Delta, lnBgd) * f(p, th), 0, 1, 1e-13),
            0, 1, 1e-12);
    }
}
