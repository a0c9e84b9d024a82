using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;
using CustomerMetrics.Value.Models;
using MathNet.Numerics;

namespace CustomerMetrics.Tests.Value.Models;

public class MbgNbdTests
{
    internal static readonly Lazy<MbgNbdModel> Cdnow = new(() =>
        MbgNbd.Fit(CdnowSummary.Data.Frequency, CdnowSummary.Data.Recency, CdnowSummary.Data.Age));

    [Fact]
    public void Cdnow_fit_reproduces_the_published_values()
    {
        // Batislam, Denizel & Filiztekin (2007) model on CDNOW, as reported by the lifetimes reference: r = 0.525,
        // α = 6.183, a = 0.891, b = 1.614.
        MbgNbdModel m = Cdnow.Value;
        Assert.True(m.FitInfo.Converged, m.ToString());
        Assert.Equal(0.525, m.R, 0.001);
        Assert.Equal(6.183, m.Alpha, 0.001);
        Assert.Equal(0.891, m.A, 0.001);
        Assert.Equal(1.614, m.B, 0.001);
        Assert.Equal(2357, m.Customers);
        Assert.True(m.RStandardError > 0 && m.BStandardError > 0, m.ToString());

        // The log-likelihood equals the paper's formula summed term by term (no log-sum-exp).
        var d = CdnowSummary.Data;
        double expected = 0;
        for (int i = 0; i < d.Frequency.Length; i++)
        {
            double x = d.Frequency[i], tx = d.Recency[i], t = d.Age[i];
            double c = SpecialFunctions.GammaLn(m.R + x) - SpecialFunctions.GammaLn(m.R) + (m.R * Math.Log(m.Alpha));
            double l = (Math.Exp(SpecialFunctions.BetaLn(m.A, m.B + x + 1) - SpecialFunctions.BetaLn(m.A, m.B)) * Math.Pow(m.Alpha + t, -(m.R + x)))
                + (Math.Exp(SpecialFunctions.BetaLn(m.A + 1, m.B + x) - SpecialFunctions.BetaLn(m.A, m.B)) * Math.Pow(m.Alpha + tx, -(m.R + x)));
            expected += c + Math.Log(l);
        }

        Assert.Equal(expected, m.LogLikelihood, 1e-6);
    }

    [Fact]
    public void Fit_from_an_RfmSummary_carries_its_unit_and_json_round_trips()
    {
        MbgNbdModel m = MbgNbd.Fit(ParetoNbdTests.SummaryOfCdnow());
        Assert.Equal(PeriodUnit.Week, m.Unit);
        Assert.Equal(Cdnow.Value.R, m.R, 1e-9);
        foreach (MbgNbdModel model in new[] { m, new MbgNbdModel(1, 2, 3, 4), default })
        {
            string json = JsonSerializer.Serialize(model, CustomerMetricsJsonContext.Default.MbgNbdModel);
            Assert.Equal(model, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.MbgNbdModel));
        }
    }

    [Fact]
    public void Predictions_match_simulation_and_summation()
    {
        var m = new MbgNbdModel(0.525, 6.183, 0.891, 1.614);
        foreach (double t in new[] { 1.0, 10, 39, 78 })
        {
            double total = 0, mean = 0;
            for (int n = 0; n < 2000; n++)
            {
                double p = m.ProbabilityOfPurchases(t, n);
                total += p;
                mean += n * p;
            }

            Assert.Equal(1, total, 1e-9);
            Assert.Equal(mean, m.ExpectedPurchases(t), 1e-6);
        }

        // Simulation with a fixed seed: E[X(39)] and P(X(39) = 0).
        var random = new Random(11);
        var gamma = new MathNet.Numerics.Distributions.Gamma(m.R, m.Alpha, random);
        var beta = new MathNet.Numerics.Distributions.Beta(m.A, m.B, random);
        int customers = 200_000, zero = 0;
        double sum = 0;
        for (int i = 0; i < customers; i++)
        {
            double lambda = gamma.Sample(), p = beta.Sample();
            int count = 0;
            if (random.NextDouble() >= p)
            {
                double time = 0;
                while (true)
                {
                    time += -Math.Log(1 - random.NextDouble()) / lambda;
                    if (time > 39)
                    {
                        break;
                    }

                    count++;
                    if (random.NextDouble() < p)
                    {
                        break;
                    }
                }
            }

            sum += count;
            zero += count == 0 ? 1 : 0;
        }

        Assert.Equal(sum / customers, m.ExpectedPurchases(39), 0.02);
        Assert.Equal((double)zero / customers, m.ProbabilityOfPurchases(39, 0), 0.004);

        // P(alive) below 1 for x = 0, and E[Y(t)] = P(alive) × the posterior BG/NBD expectation.
        Assert.InRange(m.ProbabilityAlive(0, 0, 38.86), 0.1, 0.999);
        Assert.Equal(m.B / (m.A + m.B), m.ProbabilityAlive(0, 0, 1e-12), 1e-9);
        Assert.Equal(m.ExpectedPurchases(52), m.ConditionalExpectedPurchases(52, 0, 0, 1e-12), 1e-6);
    }

    [Fact]
    public void Invalid_input_fails_loudly()
    {
        Assert.Throws<ModelFitException>(() => MbgNbd.Fit([0.0, 0.0], [0.0, 0.0], [5.0, 6.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MbgNbd.Fit([1.0], [7.0], [6.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MbgNbdModel(1, 1, 0, 1));
        Assert.Throws<InvalidOperationException>(() => default(MbgNbdModel).ProbabilityAlive(1, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MbgNbdModel(1, 1, 1, 1).ConditionalExpectedPurchases(-1, 1, 1, 2));
    }
}
