using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

public class GammaGammaTests
{
    internal static readonly Lazy<GammaGammaModel> Cdnow = new(() => GammaGamma.Fit(CdnowSummary.Data.Frequency, CdnowSummary.Data.MeanSpend));

    [Fact]
    public void Cdnow_fit_reproduces_Fader_Hardie_Lee_2005()
    {
        GammaGammaModel model = Cdnow.Value;
        Assert.True(model.FitInfo.Converged, model.ToString());
        Assert.Equal(6.25, model.P, 0.01);
        Assert.Equal(3.74, model.Q, 0.01);
        Assert.Equal(15.44, model.Gamma, 0.01);
        Assert.Equal(946, model.Customers);
        Assert.Equal(2357 - 946, model.SkippedWithoutRepeat);
        Assert.True(model.PStandardError > 0 && model.QStandardError > 0 && model.GammaStandardError > 0);
    }

    [Fact]
    public void Reports_the_spend_frequency_correlation()
    {
        var d = CdnowSummary.Data;
        var rows = Enumerable.Range(0, d.Frequency.Length).Where(i => d.Frequency[i] > 0).ToArray();
        double expected = MathNet.Numerics.Statistics.Correlation.Pearson(rows.Select(i => d.Frequency[i]), rows.Select(i => d.MeanSpend[i]));
        Assert.Equal(expected, Cdnow.Value.SpendFrequencyCorrelation, 1e-12);
        Assert.InRange(expected, 0.10, 0.12); // FHL 2005 report 0.11.
    }

    [Fact]
    public void Conditional_spend_is_the_credibility_weighted_average()
    {
        var model = new GammaGammaModel(6.25, 3.74, 15.44);
        double population = 6.25 * 15.44 / (3.74 - 1);
        Assert.Equal(population, model.MeanTransactionValue, 1e-12);
        double x = 3, m = 40;
        double weight = 6.25 * x / ((6.25 * x) + 3.74 - 1);
        Assert.Equal(((1 - weight) * population) + (weight * m), model.ConditionalExpectedAverageSpend(x, m), 1e-10);
        Assert.Equal(population, model.ConditionalExpectedAverageSpend(0, 0), 1e-12);
        var batch = new double[2];
        model.ConditionalExpectedAverageSpend([3, 0], [40, 0], batch);
        Assert.Equal(model.ConditionalExpectedAverageSpend(x, m), batch[0]);
    }

    [Fact]
    public void Recovers_parameters_from_simulated_spend()
    {
        const double P = 4, Q = 3, G = 20;
        var random = new Random(11);
        var nu = new MathNet.Numerics.Distributions.Gamma(Q, G, random);
        int n = 20_000;
        double[] x = new double[n], m = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 1 + random.Next(8);
            var spend = new MathNet.Numerics.Distributions.Gamma(P, nu.Sample(), random);
            double total = 0;
            for (int k = 0; k < x[i]; k++)
            {
                total += spend.Sample();
            }

            m[i] = total / x[i];
        }

        GammaGammaModel model = GammaGamma.Fit(x, m);
        Assert.InRange(P, model.P - (4 * model.PStandardError), model.P + (4 * model.PStandardError));
        Assert.InRange(Q, model.Q - (4 * model.QStandardError), model.Q + (4 * model.QStandardError));
        Assert.InRange(G, model.Gamma - (4 * model.GammaStandardError), model.Gamma + (4 * model.GammaStandardError));
    }

    [Fact]
    public void Invalid_input_and_infinite_expectations_throw()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GammaGamma.Fit([1, 2], [10, 0]));
        Assert.Contains("meanSpend[1] is 0", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ModelFitException>(() => GammaGamma.Fit([0, 0], [0, 0]));
        var heavy = new GammaGammaModel(2, 0.8, 10);
        Assert.Throws<InvalidOperationException>(() => heavy.MeanTransactionValue);
        Assert.Throws<InvalidOperationException>(() => heavy.ConditionalExpectedAverageSpend(0, 0));
        Assert.True(heavy.ConditionalExpectedAverageSpend(1, 10) > 0);
        Assert.Throws<InvalidOperationException>(() => default(GammaGammaModel).MeanTransactionValue);
    }

    [Fact]
    public void Model_round_trips_through_json()
    {
        GammaGammaModel model = Cdnow.Value;
        string json = JsonSerializer.Serialize(model, CustomerMetricsJsonContext.Default.GammaGammaModel);
        Assert.Equal(model, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.GammaGammaModel));
    }
}
