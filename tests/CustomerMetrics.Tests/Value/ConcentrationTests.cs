using System.Text.Json;
using CustomerMetrics.Serialization;
using CustomerMetrics.Value;
using FsCheck;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace CustomerMetrics.Tests.Value;

public class ConcentrationTests(ITestOutputHelper output)
{
    /// <summary>Independent O(n²) oracle: G = Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² x̄), straight from the definition.</summary>
    private static double GiniByPairs(double[] x)
    {
        double pairs = 0, total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            total += x[i];
            for (int j = 0; j < x.Length; j++)
            {
                pairs += Math.Abs(x[i] - x[j]);
            }
        }

        return pairs / (2.0 * x.Length * total);
    }

    /// <summary>Independent jackknife: n leave-one-out Gini coefficients, each by the O(n²) definition.</summary>
    private static double JackknifeByPairs(double[] x)
    {
        int n = x.Length;
        double[] g = new double[n];
        for (int k = 0; k < n; k++)
        {
            g[k] = GiniByPairs([.. x.Take(k), .. x.Skip(k + 1)]);
        }

        double mean = g.Average();
        return (n - 1.0) / n * g.Sum(v => (v - mean) * (v - mean));
    }

    [Fact]
    public void Hand_worked_values()
    {
        // Equal values: no concentration. One holds all of 4: (n − 1)/n = 0.75.
        Assert.Equal(0, Concentration.Gini([5, 5, 5, 5]).Gini);
        Assert.Equal(0.75, Concentration.Gini([0, 0, 0, 10]).Gini, 15);
        // 1, 2, 3, 4: pairs |Δ| sum to 1+2+3+1+2+1 = 10; G = 10 ÷ (4 × 10) = 0.25.
        GiniResult g = Concentration.Gini([4, 1, 3, 2]);
        Assert.Equal(10, g.PairwiseDifferenceSum, 12);
        Assert.Equal(0.25, g.Gini, 15);
        // Top 25 % of 1..4 hold 4/10; top 50 % hold 7/10; top 10 % hold 0.4 × 4 = 1.6 of 10.
        Assert.Equal(0.4, Concentration.TopShare([4, 1, 3, 2], 0.25), 15);
        Assert.Equal(0.7, Concentration.TopShare([4, 1, 3, 2], 0.5), 15);
        Assert.Equal(0.16, Concentration.TopShare([4, 1, 3, 2], 0.1), 15);
        Assert.Equal(1, Concentration.TopShare([4, 1, 3, 2], 1), 15);
        Assert.Equal(0, Concentration.TopShare([4, 1, 3, 2], 0), 15);

        var points = new LorenzPoint[5];
        Concentration.Lorenz([4, 1, 3, 2], points);
        Assert.Equal([0, 0.1, 0.3, 0.6, 1], points.Select(p => Math.Round(p.ValueShare, 12)));
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], points.Select(p => p.CustomerShare));
        Assert.Equal("(0.25, 0.1)", points[1].ToString());
        // Gini = 1 − 2 × trapezoid area under the vertices.
        double area = 0;
        for (int i = 1; i < points.Length; i++)
        {
            area += (points[i].CustomerShare - points[i - 1].CustomerShare) * (points[i].ValueShare + points[i - 1].ValueShare) / 2;
        }

        Assert.Equal(1 - (2 * area), g.Gini, 12);
    }

    [Fact]
    public void Empty_zeros_and_bad_input()
    {
        GiniResult empty = Concentration.Gini([]);
        Assert.Equal(default, empty);
        Assert.True(double.IsNaN(empty.Gini));
        Assert.True(double.IsNaN(empty.Interval().Lower));
        Assert.True(double.IsNaN(Concentration.Gini([0, 0, 0]).Gini));
        Assert.True(double.IsNaN(Concentration.TopShare([], 0.2)));
        Assert.True(double.IsNaN(Concentration.TopShare([0, 0], 0.2)));
        var points = new LorenzPoint[3];
        Concentration.Lorenz([], points);
        Assert.True(points.All(p => double.IsNaN(p.ValueShare)));
        Assert.True(double.IsNaN(Concentration.Gini([3, 4]).StandardError)); // jackknife needs 3 customers

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Concentration.Gini([1, -2, 3]));
        Assert.Equal("values", e.ParamName);
        Assert.Contains("values[1] is -2", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Concentration.TopShare([1, double.NaN], 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Concentration.TopShare([1, double.PositiveInfinity], 0.2));
        Assert.Equal("customerShare", Assert.Throws<ArgumentOutOfRangeException>(() => Concentration.TopShare([1, 2], 1.5)).ParamName);
        Assert.Throws<ArgumentException>(() => Concentration.Lorenz([1, 2], new LorenzPoint[1]));

        Assert.Equal("total", Assert.Throws<ArgumentOutOfRangeException>(() => new GiniResult(0, 5, 0, double.NaN)).ParamName);
        Assert.Equal("pairwiseDifferenceSum", Assert.Throws<ArgumentOutOfRangeException>(() => new GiniResult(3, 10, 21, double.NaN)).ParamName);
        Assert.Equal("jackknifeVariance", Assert.Throws<ArgumentOutOfRangeException>(() => new GiniResult(3, 10, 5, -1)).ParamName);
    }

    [Property(MaxTest = 200)]
    public void Matches_the_pairwise_definition_and_the_brute_force_jackknife(NonEmptyArray<NonNegativeInt> raw, bool withTies)
    {
        double[] x = [.. raw.Get.Select(v => withTies ? v.Get % 4 : v.Get * 0.37)];
        GiniResult g = Concentration.Gini(x);
        if (x.Sum() == 0)
        {
            Assert.True(double.IsNaN(g.Gini));
            return;
        }

        Assert.Equal(GiniByPairs(x), g.Gini, 1e-12);
        if (x.Length >= 3 && x.Count(v => v > 0) >= 2)
        {
            Assert.Equal(JackknifeByPairs(x), g.JackknifeVariance, 1e-12);
        }

        // Permutation invariance and scale invariance.
        Assert.Equal(g.Gini, Concentration.Gini([.. x.Reverse().Select(v => v * 3)]).Gini, 1e-12);
        // Top share of a whole number of customers is the sum of the largest values.
        int k = (x.Length + 1) / 2;
        double top = x.OrderDescending().Take(k).Sum() / x.Sum();
        Assert.Equal(top, Concentration.TopShare(x, (double)k / x.Length), 1e-12);
    }

    [Fact]
    public void Large_samples_reach_the_closed_forms()
    {
        var random = new Random(20261125);
        const int n = 400_000;
        double[] exponential = new double[n], pareto = new double[n], uniform = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = 1 - random.NextDouble();
            exponential[i] = -Math.Log(u);
            pareto[i] = Math.Pow(u, -1 / 3.0); // Pareto α = 3, x_m = 1
            uniform[i] = random.NextDouble();
        }

        foreach ((double[] x, double expected, string name) in new[] { (exponential, 0.5, "exponential"), (pareto, 1 / 5.0, "Pareto(3)"), (uniform, 1 / 3.0, "uniform") })
        {
            GiniResult g = Concentration.Gini(x);
            output.WriteLine($"{name}: {g} (expected {expected})");
            Assert.InRange(g.Gini, expected - (4 * g.StandardError), expected + (4 * g.StandardError));
            Assert.InRange(g.StandardError, 1e-4, 5e-3);
        }

        // Exponential Lorenz curve: L(p) = p + (1 − p) ln(1 − p); the top 20 % hold 1 − L(0.8).
        double exact = 1 - (0.8 + (0.2 * Math.Log(0.2)));
        Assert.Equal(exact, Concentration.TopShare(exponential, 0.2), 2);
    }

    [Fact]
    public void Jackknife_interval_covers_at_the_nominal_rate()
    {
        // 1,000 seeded samples of 300 exponential values (population Gini 0.5).
        var random = new Random(7);
        int covered = 0;
        const int runs = 1000;
        double[] x = new double[300];
        for (int run = 0; run < runs; run++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = -Math.Log(1 - random.NextDouble());
            }

            if (Concentration.Gini(x).Interval().Contains(0.5))
            {
                covered++;
            }
        }

        output.WriteLine($"coverage {covered / (double)runs:P1}");
        Assert.InRange(covered / (double)runs, 0.92, 0.975);
    }

    [Fact]
    public void Round_trips_through_json()
    {
        GiniResult g = Concentration.Gini([1, 2, 3, 10]);
        string json = JsonSerializer.Serialize(g, CustomerMetricsJsonContext.Default.GiniResult);
        Assert.Equal(g, JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.GiniResult));
        Assert.StartsWith("Gini 0.", g.ToString(), StringComparison.Ordinal);
    }
}
