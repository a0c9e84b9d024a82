using CustomerMetrics.Internal;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// Seeded parametric bootstrap of a Pareto/NBD model, run in parallel: customers of the same ages are simulated from the
/// fitted model and refitted; percentile intervals on P(alive), E[X(t)], E[Y(t) | x, tₓ, T] and DERT, and prediction
/// intervals on a customer's future purchase count. The Pareto/NBD counterpart of <see cref="BgNbdBootstrap"/>.
/// </summary>
/// <remarks>
/// A draw simulates, for each age T, λ ~ Gamma(r, α), μ ~ Gamma(s, β), a lifetime τ ~ Exp(μ) and Poisson purchases at rate
/// λ on (0, min(τ, T)], then refits. Draw k uses its own <see cref="Random"/> seeded from the k-th number of a
/// <see cref="Random"/> seeded with the caller's seed, so the draws and the intervals depend only on the seed, never on the
/// number of cores or the scheduling. A draw whose refit fails (no repeat purchase, or not converged) is dropped and counted
/// in <see cref="Failed"/>. Cost: one Pareto/NBD fit per draw; draws are bounded by <see cref="MaxDraws"/>.
/// <threadsafety>Immutable after <see cref="Run(ParetoNbdModel, ReadOnlySpan{double}, int, int)"/>; safe from any thread.</threadsafety>
/// </remarks>
public sealed class ParetoNbdBootstrap
{
    /// <summary>The most draws accepted.</summary>
    public const int MaxDraws = 10_000;

    /// <summary>Simulated future histories behind a count prediction interval (spread over the draws).</summary>
    public const int PredictiveSamples = 20_000;

    private readonly ParetoNbdModel[] _models;
    private readonly int _seed;

    private ParetoNbdBootstrap(ParetoNbdModel model, ParetoNbdModel[] models, int failed, int seed)
    {
        (Model, _models, Failed, _seed) = (model, models, failed, seed);
    }

    /// <summary>The fitted model the draws were simulated from.</summary>
    public ParetoNbdModel Model { get; }

    /// <summary>The refitted models of the successful draws, in draw order.</summary>
    public IReadOnlyList<ParetoNbdModel> Models => _models;

    /// <summary>Draws whose refit failed and were dropped.</summary>
    public int Failed { get; }

    /// <summary>Runs the bootstrap.</summary>
    /// <param name="model">The fitted model (not <c>default</c>).</param>
    /// <param name="age">T per customer of the data the model was fitted on, each finite and &gt; 0.</param>
    /// <param name="draws">Bootstrap draws, 2 to <see cref="MaxDraws"/> (200 is usual).</param>
    /// <param name="seed">Seed; the same seed gives the same draws and intervals.</param>
    /// <returns>The draws.</returns>
    /// <exception cref="ArgumentException"><paramref name="age"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An age (named by index) or the number of draws is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model is <c>default</c>, or fewer than 2 draws could be refitted.</exception>
    public static ParetoNbdBootstrap Run(ParetoNbdModel model, ReadOnlySpan<double> age, int draws, int seed)
    {
        _ = model.ExpectedPurchases(1);
        if (age.IsEmpty)
        {
            ThrowHelper.Argument(nameof(age), "The bootstrap needs at least one customer.");
        }

        BootstrapDraws.CheckDraws(draws, MaxDraws);

        for (int i = 0; i < age.Length; i++)
        {
            if (!(age[i] > 0) || double.IsPositiveInfinity(age[i]))
            {
                ThrowHelper.ValueOutOfRange(nameof(age), i, age[i], "finite times > 0");
            }
        }

        double[] ages = age.ToArray();
        int[] seeds = Seeds(seed, draws);
        ParetoNbdModel[] models = BootstrapDraws.Refit<ParetoNbdModel>(draws, "Pareto/NBD", k =>
        {
            var random = new Random(seeds[k]);
            var x = new double[ages.Length];
            var tx = new double[ages.Length];
            Simulate(model, ages, random, x, tx);
            ParetoNbdModel refit = ParetoNbd.Fit(x, tx, ages);
            return refit.FitInfo.Converged ? refit : null;
        });

        return new ParetoNbdBootstrap(model, models, draws - models.Length, seed);
    }

    /// <inheritdoc cref="BgNbdBootstrap.Run(BgNbdModel, RfmSummary, int, int)"/>
    public static ParetoNbdBootstrap Run(ParetoNbdModel model, RfmSummary summary, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Run(model, summary.Age, draws, seed);
    }

    /// <inheritdoc cref="BgNbdBootstrap.ProbabilityAlive(double, double, double, double)"/>
    public ConfidenceInterval ProbabilityAlive(double frequency, double recency, double age, double confidenceLevel = 0.95) =>
        Percentile(Model.ProbabilityAlive(frequency, recency, age), m => m.ProbabilityAlive(frequency, recency, age), confidenceLevel);

    /// <inheritdoc cref="BgNbdBootstrap.ExpectedPurchases(double, double)"/>
    public ConfidenceInterval ExpectedPurchases(double t, double confidenceLevel = 0.95) =>
        Percentile(Model.ExpectedPurchases(Finite(t)), m => m.ExpectedPurchases(t), confidenceLevel);

    /// <inheritdoc cref="BgNbdBootstrap.ConditionalExpectedPurchases(double, double, double, double, double)"/>
    public ConfidenceInterval ConditionalExpectedPurchases(double t, double frequency, double recency, double age, double confidenceLevel = 0.95) =>
        Percentile(Model.ConditionalExpectedPurchases(Finite(t), frequency, recency, age), m => m.ConditionalExpectedPurchases(t, frequency, recency, age),
            confidenceLevel);

    /// <summary>Percentile interval on DERT over the draws.</summary>
    /// <param name="discountRate">Continuous discount rate per unit of the data's time, finite and &gt; 0.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of discounted expected purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate, the row or the level is invalid.</exception>
    public ConfidenceInterval DiscountedExpectedResidualTransactions(double discountRate, double frequency, double recency, double age, double confidenceLevel = 0.95) =>
        Percentile(Model.DiscountedExpectedResidualTransactions(discountRate, frequency, recency, age),
            m => m.DiscountedExpectedResidualTransactions(discountRate, frequency, recency, age), confidenceLevel);

    /// <summary>
    /// Prediction interval on a customer's number of purchases in the next t, Y(t): equal-tailed quantiles of
    /// <see cref="PredictiveSamples"/> futures simulated over the draws (parameter uncertainty and the Poisson/dropout
    /// randomness together). Given the history, the customer is alive at T with probability P(alive), and then λ ~ Gamma(r+x,
    /// α+T) and μ ~ Gamma(s, β+T) independently (the posterior given survival), with Poisson purchases at rate λ until an
    /// Exp(μ) death. Seeded from the bootstrap's seed, so the same inputs give the same interval.
    /// </summary>
    /// <param name="t">Horizon, finite and ≥ 0, in the data's unit.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">tₓ.</param>
    /// <param name="age">T.</param>
    /// <param name="confidenceLevel">Nominal coverage in (0, 1).</param>
    /// <returns>An interval of whole purchase counts [lower, upper]; [0, 0] when t = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">t, the row or the level is invalid.</exception>
    public ConfidenceInterval PurchasesPredictionInterval(double t, double frequency, double recency, double age, double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        Guard.NonNegativeFinite(t);
        _ = Model.ConditionalExpectedPurchases(t, frequency, recency, age);
        int perDraw = Math.Max(1, PredictiveSamples / _models.Length);
        var counts = new double[perDraw * _models.Length];
        var random = new Random(_seed);
        int next = 0;
        foreach (var m in _models)
        {
            double alive = m.ProbabilityAlive(frequency, recency, age);
            for (int j = 0; j < perDraw; j++)
            {
                counts[next++] = SimulateFuture(m, alive, t, frequency, age, random);
            }
        }

        Array.Sort(counts);
        double tail = (1 - confidenceLevel) / 2;

        // Whole counts: the smallest n with F(n) > tail and the smallest with F(n) ≥ 1 − tail (coverage at least the level).
        int lower = (int)Math.Floor(tail * counts.Length);
        int upper = Math.Max(lower, (int)Math.Ceiling((1 - tail) * counts.Length) - 1);
        return new ConfidenceInterval(counts[lower], counts[Math.Min(upper, counts.Length - 1)], confidenceLevel);
    }

    /// <summary>Simulates x and tₓ for customers of the given ages from the model (see the class remarks).</summary>
    internal static void Simulate(ParetoNbdModel model, ReadOnlySpan<double> age, Random random, Span<double> frequency, Span<double> recency)
    {
        for (int i = 0; i < age.Length; i++)
        {
            double lambda = Gamma.Sample(random, model.R, model.Alpha);
            double mu = Gamma.Sample(random, model.S, model.Beta);
            double end = Math.Min(age[i], Exponential.Sample(random, mu));
            double time = 0, last = 0;
            int x = 0;
            while (true)
            {
                time += Exponential.Sample(random, lambda);
                if (!(time <= end))
                {
                    break;
                }

                x++;
                last = time;
            }

            frequency[i] = x;
            recency[i] = last;
        }
    }

    private static double SimulateFuture(ParetoNbdModel m, double alive, double t, double x, double age, Random random)
    {
        if (t == 0 || random.NextDouble() >= alive)
        {
            return 0;
        }

        double lambda = Gamma.Sample(random, m.R + x, m.Alpha + age);
        double mu = Gamma.Sample(random, m.S, m.Beta + age);
        double mean = lambda * Math.Min(t, Exponential.Sample(random, mu));
        return mean > 0 ? Poisson.Sample(random, mean) : 0;
    }

    private static int[] Seeds(int seed, int draws)
    {
        var master = new Random(seed);
        var seeds = new int[draws];
        for (int k = 0; k < draws; k++)
        {
            seeds[k] = master.Next();
        }

        return seeds;
    }

    /// <summary>t after checking it is finite and ≥ 0 (for an argument position).</summary>
    private static double Finite(double t)
    {
        Guard.NonNegativeFinite(t);
        return t;
    }

    /// <summary>The percentile interval of a prediction over the draws; <paramref name="atFit"/> (the prediction of the fitted
    /// model, evaluated first) has already checked the arguments.</summary>
    private ConfidenceInterval Percentile(double atFit, Func<ParetoNbdModel, double> prediction, double confidenceLevel)
    {
        _ = atFit;
        return BootstrapDraws.Percentile(_models, prediction, confidenceLevel);
    }
}
