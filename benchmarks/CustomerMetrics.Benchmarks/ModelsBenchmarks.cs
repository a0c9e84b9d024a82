using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// BG/NBD fit and prediction on 1 M customers simulated from the CDNOW parameters (weekly data, first purchases on a daily
/// grid 27–39 weeks before the end, as in CDNOW; purchase times continuous, so recency is continuous). Baselines in the
/// same run: the previous fit path (full BFGS search from the default start, on both cores), the new fit on one thread,
/// the previous batch prediction path (<see cref="PreviousBgNbdPrediction"/>, a copy of main b192789's), the older
/// <c>Parallel.For</c> batch predictions, the batch predictions on one thread, and predictions through LINQ calling the
/// scalar API per customer (the loop a user of <c>lifetimes</c>-style per-row APIs would write). The <c>Predict</c>
/// category also has a variant with continuous T (first purchases at any time in the same 27–39 weeks, so every (x, T)
/// pair is distinct and the per-pair memo cannot help).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ModelsBenchmarks
{
    private double[] _x = [], _tx = [], _t = [], _destination = [], _weights = [], _xc = [], _txc = [], _tc = [];
    private BgNbdModel _model;
    private BgNbdLikelihood? _prepared;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var gamma = new MathNet.Numerics.Distributions.Gamma(0.243, 4.414, random);
        var beta = new MathNet.Numerics.Distributions.Beta(0.793, 2.426, random);
        _x = new double[Customers];
        _tx = new double[Customers];
        _t = new double[Customers];
        _destination = new double[Customers];
        for (int i = 0; i < Customers; i++)
        {
            double lambda = gamma.Sample(), p = beta.Sample(), age = (189 + random.Next(84)) / 7.0; // Cohort days 27–39 weeks ago, as in CDNOW.
            double time = 0, last = 0;
            int count = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > age)
                {
                    break;
                }

                count++;
                last = time;
                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            (_x[i], _tx[i], _t[i]) = (count, last, age);
        }

        // The same customers' histories rescaled to a continuous T (27–39 weeks, uniform): x stays, tₓ scales with T.
        _xc = (double[])_x.Clone();
        _txc = new double[Customers];
        _tc = new double[Customers];
        for (int i = 0; i < Customers; i++)
        {
            _tc[i] = (189 + (84 * random.NextDouble())) / 7.0;
            _txc[i] = Math.Min(_tx[i] * (_tc[i] / _t[i]), _tc[i]);
        }

        _model = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        _weights = new double[Customers];
        Array.Fill(_weights, 1.0);
        _prepared = new BgNbdLikelihood(_x, _tx, _t, default);
    }

    /// <summary>The public fit: validation and regrouping by frequency (setup, linear in customers) and the optimisation.</summary>
    [Benchmark, BenchmarkCategory("Fit")]
    public double Fit() => BgNbd.Fit(_x, _tx, _t).R;

    /// <summary>The optimisation alone on prepared data: allocation independent of the number of customers.</summary>
    [Benchmark, BenchmarkCategory("Fit")]
    public double FitPrepared() => BgNbd.Fit(_prepared!).R;

    /// <summary>Baseline: the previous path on prepared data: the full BFGS search from the default start (about 45 passes
    /// over all customers, each on both cores), then the separate log-likelihood pass. A copy of the old
    /// <c>BgNbd.Fit(BgNbdLikelihood)</c> body; standard errors from the shared Hessian as before.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Fit")]
    public double FitPreviousPath() => PreviousFit(_prepared!);

    /// <summary>The new fit with every likelihood chunk on one thread (setup included, as the bootstrap's refits run).</summary>
    [Benchmark, BenchmarkCategory("Fit")]
    public double FitOneThread() => BgNbd.Fit(new BgNbdLikelihood(_x, _tx, _t, default) { Sequential = true }).R;

    internal static double PreviousFit(BgNbdLikelihood data)
    {
        double alpha0 = Math.Clamp(data.MeanAge / Math.Max(data.MeanFrequency, 1e-3), 1e-3, 1e6);
        var result = ModelOptimizer.Minimize(data.Objective, [0, Math.Log(alpha0), 0, 0], "BG/NBD");
        double[] p = result.LogParameters;
        double ll = data.LogLikelihood(p, new double[4]);
        double[] errors = ModelOptimizer.StandardErrors(result, data.TotalWeight, data.Penalty, data.NegativeLogLikelihood);
        return ll + errors[0] + Math.Exp(p[0]);
    }

    /// <summary>One likelihood pass of the generic kernel (the fit's inner loop) over every customer, one thread.</summary>
    [Benchmark, BenchmarkCategory("Fit")]
    public double LikelihoodKernelGeneric()
    {
        var sums = default(BgNbdLikelihoodSums);
        BgNbdKernel.Repeat(_t, _tx, _weights, 4.414, 1.243, -1.2, VectorPath.Auto, ref sums);
        return sums.LogLikelihood;
    }

    [Benchmark, BenchmarkCategory("Predict")]
    public double PredictConditional39Weeks()
    {
        _model.ConditionalExpectedPurchases(39, _x, _tx, _t, _destination);
        return _destination[^1];
    }

    /// <summary>Baseline: the previous batch path (main b192789) on both cores.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Predict")]
    public double PredictConditional39WeeksPreviousPath()
    {
        PreviousBgNbdPrediction.Batch(_model, 39, _x, _tx, _t, _destination, VectorPath.Auto);
        return _destination[^1];
    }

    /// <summary>The batch on one thread.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public double PredictConditional39WeeksOneThread()
    {
        BgNbdPredictionKernel.Batch(_model, 39, _x, _tx, _t, _destination, VectorPath.Auto, maxParts: 1, series: true);
        return _destination[^1];
    }

    /// <summary>Baseline: the previous batch path on one thread.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public double PredictConditional39WeeksPreviousPathOneThread()
    {
        PreviousBgNbdPrediction.Batch(_model, 39, _x, _tx, _t, _destination, VectorPath.Auto, maxParts: 1);
        return _destination[^1];
    }

    /// <summary>Baseline: main 7251114's batch (the per-row ₂F₁ series behind the per-pair memo), daily-grid T.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public double PredictConditional39WeeksPerRowSeries()
    {
        BgNbdPredictionKernel.Batch(_model, 39, _x, _tx, _t, _destination, VectorPath.Auto, series: false);
        return _destination[^1];
    }

    /// <summary>Baseline: main 7251114's batch (the per-row ₂F₁ series; the memo gives up), continuous T.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public double PredictConditional39WeeksContinuousTPerRowSeries()
    {
        BgNbdPredictionKernel.Batch(_model, 39, _xc, _txc, _tc, _destination, VectorPath.Auto, series: false);
        return _destination[^1];
    }

    /// <summary>Continuous T: every (x, T) pair distinct.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public double PredictConditional39WeeksContinuousT()
    {
        _model.ConditionalExpectedPurchases(39, _xc, _txc, _tc, _destination);
        return _destination[^1];
    }

    /// <summary>Baseline: the previous batch path with continuous T.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public double PredictConditional39WeeksContinuousTPreviousPath()
    {
        PreviousBgNbdPrediction.Batch(_model, 39, _xc, _txc, _tc, _destination, VectorPath.Auto);
        return _destination[^1];
    }

    /// <summary>Baseline: the older parallel batch, <c>Parallel.For</c> over one contiguous part per core (each part the
    /// previous one-thread batch).</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public double PredictConditional39WeeksParallelFor()
    {
        PreviousBatch(39);
        return _destination[^1];
    }

    private void PreviousBatch(double t)
    {
        int n = _x.Length, parts = Environment.ProcessorCount;
        Parallel.For(0, parts, part =>
        {
            int from = (int)((long)n * part / parts), length = (int)((long)n * (part + 1) / parts) - from;
            PreviousBgNbdPrediction.Batch(_model, t, _x.AsSpan(from, length), _tx.AsSpan(from, length), _t.AsSpan(from, length),
                _destination.AsSpan(from, length), VectorPath.Auto, maxParts: 1);
        });
    }

    [Benchmark, BenchmarkCategory("Predict")]
    public double PredictConditional39WeeksLinq() =>
        Enumerable.Range(0, _x.Length).Select(i => _model.ConditionalExpectedPurchases(39, _x[i], _tx[i], _t[i])).Sum();

    [Benchmark, BenchmarkCategory("Predict")]
    public double ProbabilityAlive()
    {
        _model.ProbabilityAlive(_x, _tx, _t, _destination);
        return _destination[^1];
    }

    /// <summary>P(alive) on one thread.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public double ProbabilityAliveOneThread()
    {
        BgNbdPredictionKernel.Batch(_model, double.NaN, _x, _tx, _t, _destination, VectorPath.Auto, maxParts: 1);
        return _destination[^1];
    }

    /// <summary>Baseline: P(alive) through the previous batch path on both cores.</summary>
    [Benchmark, BenchmarkCategory("Predict")]
    public double ProbabilityAlivePreviousPath()
    {
        PreviousBgNbdPrediction.Batch(_model, double.NaN, _x, _tx, _t, _destination, VectorPath.Auto);
        return _destination[^1];
    }
}
