using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Tests.Value.Models;

/// <summary>Future P(alive) and the conditional distribution of future purchases, against independent oracles.</summary>
public class BgNbdConditionalPredictionTests
{
    private static readonly BgNbdModel Published = new(0.243, 4.414, 0.793, 2.426);

    [Theory]
    [InlineData(2, 30.43, 38.86, 10)]
    [InlineData(7, 35, 38, 52)]
    [InlineData(1, 2, 38, 100)]
    [InlineData(0, 0, 20, 39)]
    public void Future_probability_alive_matches_a_seeded_simulation_over_the_posterior(double x, double tx, double age, double t)
    {
        // P(alive at T + t) = P(alive) · E[exp(−λ p t)], λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x): E over λ in closed
        // form given p, over p by 400,000 seeded draws.
        var random = new Random(5);
        var beta = new MathNet.Numerics.Distributions.Beta(Published.A, Published.B + x, random);
        double sum = 0, sumSquares = 0;
        const int draws = 400_000;
        for (int i = 0; i < draws; i++)
        {
            double v = Math.Pow((Published.Alpha + age) / (Published.Alpha + age + (beta.Sample() * t)), Published.R + x);
            sum += v;
            sumSquares += v * v;
        }

        double mean = sum / draws, se = Math.Sqrt(((sumSquares / draws) - (mean * mean)) / draws);
        double alive = Published.ProbabilityAlive(x, tx, age);
        double actual = Published.ProbabilityAliveAt(t, x, tx, age);
        Assert.True(Math.Abs(actual - (alive * mean)) <= 4 * alive * se + 1e-12, $"P(alive at +{t}) = {actual}, simulation {alive * mean} ± {alive * se}");
        Assert.Equal(alive, Published.ProbabilityAliveAt(0, x, tx, age), 1e-15);
        Assert.True(Published.ProbabilityAliveAt(2 * t, x, tx, age) < actual);
    }

    [Theory]
    [InlineData(2, 30.43, 38.86, 39)]
    [InlineData(10, 37, 38, 20)]
    [InlineData(0, 0, 30, 52)]
    public void Conditional_purchase_distribution_sums_to_one_and_its_mean_is_the_conditional_expectation(double x, double tx, double age, double t)
    {
        double total = 0, mean = 0;
        for (int n = 0; n < 400; n++)
        {
            double p = Published.ConditionalProbabilityOfPurchases(t, n, x, tx, age);
            Assert.InRange(p, 0, 1);
            total += p;
            mean += n * p;
        }

        Assert.Equal(1, total, 1e-9);
        double expected = Published.ConditionalExpectedPurchases(t, x, tx, age); // the ₂F₁ route, independent of eq. 8
        Assert.Equal(expected, mean, 1e-7 * Math.Max(1, expected));

        // No purchase in the next t, closed form.
        double alive = Published.ProbabilityAlive(x, tx, age);
        double none = 1 - alive + (alive * Math.Pow((Published.Alpha + age) / (Published.Alpha + age + t), Published.R + x));
        Assert.Equal(none, Published.ConditionalProbabilityOfPurchases(t, 0, x, tx, age), 1e-12);
    }
}
