using BenchmarkDotNet.Attributes;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// <see cref="BgNbdBootstrap"/> on 100 k customers simulated from the CDNOW parameters (ages 27–39 weeks), 200 draws: each
/// draw simulates a base and refits it (draws in parallel, each refit's likelihood on its own thread; from 65,536 customers
/// the refit starts warm from a subsample fit). Baseline in the same run: the same draws refitted by the previous path (the
/// full search from the default start).
/// Slow: one invocation is 200 fits.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class ModelsBootstrapBenchmarks
{
    private double[] _t = [];
    private BgNbdModel _model;

    [Params(100_000)]
    public int Customers { get; set; }

    [Params(200)]
    public int Draws { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _t = new double[Customers];
        for (int i = 0; i < Customers; i++)
        {
            _t[i] = (189 + random.Next(84)) / 7.0;
        }

        _model = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
    }

    [Benchmark]
    public int Bootstrap() => BgNbdBootstrap.Run(_model, _t, Draws, seed: 1).Models.Count;

    /// <summary>Baseline: the previous refit per draw (the full BFGS search from the default start, likelihood on the draw's
    /// thread), draws in parallel.</summary>
    [Benchmark(Baseline = true)]
    public int BootstrapColdStarts()
    {
        int converged = 0;
        var ages = _t;
        var model = _model;
        Parallel.For(0, Draws, k =>
        {
            var random = new Random(k);
            var x = new double[ages.Length];
            var tx = new double[ages.Length];
            BgNbdBootstrap.Simulate(model, ages, random, x, tx);
            var data = new BgNbdLikelihood(x, tx, ages, default) { Sequential = true };
            double alpha0 = Math.Clamp(data.MeanAge / Math.Max(data.MeanFrequency, 1e-3), 1e-3, 1e6);
            if (ModelOptimizer.Minimize(data.Objective, [0, Math.Log(alpha0), 0, 0], "BG/NBD").Info.Converged)
            {
                Interlocked.Increment(ref converged);
            }
        });

        return converged;
    }
}
