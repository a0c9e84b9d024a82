using CustomerMetrics.Internal;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Seeded parametric bootstrap of a BG/NBD fit: each draw simulates a customer base from the fitted model with the
/// observed ages T (first purchase at 0, purchases at rate λ ~ Gamma(r, α), dropout with p ~ Beta(a, b) after each repeat
/// purchase, as in Fader, Hardie &amp; Lee 2005) and refits it. Percentile intervals on predictions, and prediction
/// intervals on a customer's future purchase count from the predictive distribution mixed over the draws.
/// </summary>
/// <remarks>
/// Draws run in parallel; draw k uses its own generator seeded from (seed, k), so the result does not depend on the
/// number of cores or the scheduling. A draw whose refit fails (no repeat purchase, or not
/// converged) is dropped and counted in <see cref="Failed"/>. Cost: one BG/NBD fit per draw.
/// <threadsafety>Immutable after <see cref="Run(BgNbdModel, ReadOnlySpan{double}, int, int)"/>; safe from any thread.</threadsafety>
/// </remarks>
public sealed class BgNbdBootstrap
{
    /// <summary>The most draws accepted.</summary>
    public const int MaxDraws = 100_000;

    private readonly BgNbdModel[] _models;

    private BgNbdBootstrap(BgNbdModel model, BgNbdModel[] models, int failed)
    {
        Model = model;
        _models = models;
        Failed = failed;
    }

    /// <summary>The fitted model the draws were simulated from.</summary>
    public BgNbdModel Model { get; }

    /// <summary>The refitted models of the successful draws, in draw order.</summary>
    public IReadOnlyList<BgNbdModel> Models => _models;

    /// <summary>Draws whose refit failed and were dropped.</summary>
    public int Failed { get; }

    /// <summary>Runs the bootstrap.</summary>
    /// <param name="model">The fitted model (not <c>default</c>).</param>
    /// <param name="age">T per customer of the data the model was fitted on (time since the first purchase), each finite and ≥ 0.</param>
    /// <param name="draws">Bootstrap draws, 2 to <see cref="MaxDraws"/> (200 is usual).</param>
    /// <param name="seed">Seed; the same seed gives the same draws.</param>
    /// <returns>The draws.</returns>
    /// <exception cref="ArgumentException"><paramref name="age"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An age (named by index) or the number of draws is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or fewer than 2 draws could be refitted.</exception>
    public static BgNbdBootstrap Run(BgNbdModel model, ReadOnlySpan<double> age, int draws, int seed)
    {
        _ = model.ExpectedPurchases(1);
        if (age.IsEmpty)
        {
            ThrowHelper.Argument(nameof(age), "The bootstrap needs at least one customer.");
        }

        BootstrapDraws.CheckDraws(draws, MaxDraws);

        for (int i = 0; i < age.Length; i++)
        {
            if (!(age[i] >= 0) || double.IsPositiveInfinity(age[i]))
            {
                ThrowHelper.ValueOutOfRange(nameof(age), i, age[i], "finite times ≥ 0");
            }
        }

        double[] ages = age.ToArray();
        BgNbdModel[] models = BootstrapDraws.Refit(draws, "BG/NBD", k =>
        {
            var random = new Random(unchecked((int)Mix(((ulong)(uint)seed << 32) | (uint)k)));
            int n = ages.Length;
            var x = new double[n];
            var tx = new double[n];
            Simulate(model, ages, random, x, tx);

            // The draws already use every core, so each refit evaluates its likelihood on its own thread (same sums
            // either way). Refits start from the default start: a warm start from the point estimate was tried and
            // let small samples converge to extreme parameters (a near 1e6) that a cold start does not reach.
            return Refit(new BgNbdLikelihood(x, tx, ages, default) { Sequential = true }, null);
        });

        return new BgNbdBootstrap(model, models, draws - models.Length);
    }

    /// <summary>Runs the bootstrap on the ages of an RFM summary.</summary>
    /// <param name="model">The model fitted on <paramref name="summary"/>.</param>
    /// <param name="summary">The summary.</param>
    /// <param name="draws">Bootstrap draws, 2 to <see cref="MaxDraws"/>.</param>
    /// <param name="seed">Seed.</param>
    /// <returns>The draws.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The number of draws is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or fewer than 2 draws could be refitted.</exception>
    public static BgNbdBootstrap Run(BgNbdModel model, RfmSummary summary, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Run(model, summary.Age, draws, seed);
    }

    /// <summary>Percentile interval on P(alive | x, tₓ, T) over the draws (draws whose prediction is not finite or cannot be evaluated are left out; NaN bounds when fewer than 2 remain).</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of fractions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row or the level is invalid.</exception>
    public ConfidenceInterval ProbabilityAlive(double frequency, double recency, double age, double confidenceLevel = 0.95)
    {
        _ = Model.ProbabilityAlive(frequency, recency, age);
        return Percentile(m => m.Alive(frequency, recency, age), confidenceLevel);
    }

    /// <summary>Percentile interval on E[X(t)] over the draws.</summary>
    /// <param name="t">Horizon, finite and ≥ 0, in the data's unit.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of expected purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t or the level is invalid.</exception>
    public ConfidenceInterval ExpectedPurchases(double t, double confidenceLevel = 0.95)
    {
        Guard.NonNegativeFinite(t);
        return Percentile(m => m.ExpectedPurchases(t), confidenceLevel);
    }

    /// <summary>Percentile interval on E[Y(t) | x, tₓ, T] over the draws.</summary>
    /// <param name="t">Horizon, finite and ≥ 0, in the data's unit.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of expected purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t, the row or the level is invalid.</exception>
    public ConfidenceInterval ConditionalExpectedPurchases(double t, double frequency, double recency, double age, double confidenceLevel = 0.95)
    {
        Guard.NonNegativeFinite(t);
        _ = Model.ConditionalExpectedPurchases(t, frequency, recency, age);
        return Percentile(m => m.Conditional(t, frequency, recency, age), confidenceLevel);
    }

    /// <summary>
    /// Prediction interval on a customer's number of purchases in the next t, Y(t): the equal-tailed quantiles of the
    /// predictive distribution P(Y(t) = n | x, tₓ, T) averaged over the draws (parameter uncertainty and the Poisson/dropout
    /// randomness together). Counts are whole numbers, so the coverage is at least the level.
    /// </summary>
    /// <param name="t">Horizon, finite and ≥ 0, in the data's unit.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of whole purchase counts [lower, upper].</returns>
    /// <exception cref="ArgumentOutOfRangeException">t, the row or the level is invalid.</exception>
    public ConfidenceInterval PurchasesPredictionInterval(double t, double frequency, double recency, double age, double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        Guard.NonNegativeFinite(t);
        _ = Model.ConditionalExpectedPurchases(t, frequency, recency, age);
        double tail = (1 - confidenceLevel) / 2;
        double cumulative = 0;
        int lower = -1;
        for (int n = 0; n < 1_000_000; n++)
        {
            double mass = 0;
            foreach (var m in _models)
            {
                mass += m.ConditionalProbabilityOfPurchases(t, n, frequency, recency, age);
            }

            cumulative += mass / _models.Length;
            if (lower < 0 && cumulative > tail)
            {
                lower = n;
            }

            if (cumulative >= 1 - tail)
            {
                return new ConfidenceInterval(lower, n, confidenceLevel);
            }
        }

        return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
    }

    /// <summary>A converged refit from <paramref name="start"/> (null: the default start), or null.</summary>
    private static BgNbdModel? Refit(BgNbdLikelihood data, double[]? start)
    {
        try
        {
            var refit = BgNbd.Fit(data, start);
            return refit.FitInfo.Converged ? refit : null;
        }
        catch (ModelFitException)
        {
            return null;
        }
    }

    /// <summary>Simulates x and tₓ for customers of the given ages from the model (see the class summary).</summary>
    internal static void Simulate(BgNbdModel model, ReadOnlySpan<double> age, Random random, Span<double> frequency, Span<double> recency)
    {
        for (int i = 0; i < age.Length; i++)
        {
            double lambda = Gamma.Sample(random, model.R, model.Alpha);
            double p = Beta.Sample(random, model.A, model.B);
            double time = 0, last = 0;
            int x = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (!(time <= age[i]))
                {
                    break;
                }

                x++;
                last = time;
                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            frequency[i] = x;
            recency[i] = last;
        }
    }

    private ConfidenceInterval Percentile(Func<BgNbdModel, double> prediction, double confidenceLevel) =>
        BootstrapDraws.Percentile(_models, prediction, confidenceLevel);

    /// <summary>SplitMix64 finaliser: decorrelates the per-draw seeds.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
