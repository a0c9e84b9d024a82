using BenchmarkDotNet.Attributes;
using CustomerMetrics.Value.Models;
using MathNet.Numerics;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// Pareto/NBD fit on customers simulated from the CDNOW parameters (weekly data, first purchases on a daily grid 27–39
/// weeks before the end, purchase times continuous): the whole fit against the previous fit algorithm (main b192789:
/// one Horner chain per row in the evaluation, MathNet's BFGS from the usual start below 16,384 distinct rows, the
/// subsample warm start above), and one log-likelihood-and-gradient evaluation (what the optimiser repeats) against the
/// baseline, the same evaluation through the per-row series one customer at a time (log-gammas and both ₂F₁ factors per
/// customer, no compression, no tables, one core), the previous one-chain-per-row evaluation, and the tabulated evaluation
/// on one thread.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ParetoNbdBenchmarks
{
    private readonly double[] _log = [Math.Log(0.553), Math.Log(10.578), Math.Log(0.606), Math.Log(11.669)];
    private readonly double[] _gradient = new double[4];
    private double[] _x = [], _tx = [], _t = [];
    private ParetoNbdData _data = null!;
    private ParetoNbdData _serial = null!;
    private ParetoNbdData _oneChain = null!;

    [Params(2_357, 100_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var lambdas = new MathNet.Numerics.Distributions.Gamma(0.553, 10.578, random);
        var mus = new MathNet.Numerics.Distributions.Gamma(0.606, 11.669, random);
        _x = new double[Customers];
        _tx = new double[Customers];
        _t = new double[Customers];
        for (int i = 0; i < Customers; i++)
        {
            double lambda = lambdas.Sample(), death = -Math.Log(1 - random.NextDouble()) / mus.Sample();
            double age = (189 + random.Next(84)) / 7.0, time = 0, last = 0;
            int count = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > Math.Min(age, death))
                {
                    break;
                }

                count++;
                last = time;
            }

            (_x[i], _tx[i], _t[i]) = (count, last, age);
        }

        _data = new ParetoNbdData(_x, _tx, _t, default, "Pareto/NBD");
        _serial = new ParetoNbdData(_x, _tx, _t, default, "Pareto/NBD") { Parallel = false };
        _oneChain = new ParetoNbdData(_x, _tx, _t, default, "Pareto/NBD") { InterleavedHorner = false };
    }

    [Benchmark]
    public double FitCompressedParallel() => ParetoNbd.Fit(_x, _tx, _t).Beta;

    /// <summary>The previous fit (main b192789): the one-chain-per-row evaluation; below <see cref="ParetoNbd.SubsampleThreshold"/>
    /// distinct rows MathNet's BFGS from the usual start, above it the subsample warm start; standard errors from the
    /// identification Hessian.</summary>
    [Benchmark]
    public double FitPreviousAlgorithm()
    {
        var data = new ParetoNbdData(_x, _tx, _t, default, "Pareto/NBD") { InterleavedHorner = false };
        double[] start = ParetoNbd.Start(data);
        MathNet.Numerics.LinearAlgebra.Matrix<double>? warm = null;
        if (data.DistinctRows >= ParetoNbd.SubsampleThreshold && data.Subsample(data.DistinctRows / ParetoNbd.SubsampleRows) is { } sample)
        {
            var first = ModelOptimizer.Minimize(sample.Objective, start, "Pareto/NBD");
            if (first.Info.Converged)
            {
                start = first.LogParameters;
                warm = first.ObjectiveHessian;
            }
        }

        var result = (warm is null ? null : ModelOptimizer.MinimizeWarm(data.Objective, start, warm, "Pareto/NBD", 0, 0))
            ?? ModelOptimizer.Minimize(data.Objective, start, "Pareto/NBD");
        double[] errors = ModelOptimizer.StandardErrors(result, data.TotalWeight, 0, data.NegativeLogLikelihood);
        return data.LogLikelihood(result.LogParameters, new double[4]) + errors[3];
    }

    /// <summary>The previous evaluation: one Horner chain per row as it comes (forked as the fit's).</summary>
    [Benchmark]
    public double EvaluationOneChainPerRow() => _oneChain.LogLikelihood(_log, _gradient);

    /// <summary>The tabulated evaluation on one thread.</summary>
    [Benchmark]
    public double EvaluationTabulatedOneThread() => _serial.LogLikelihood(_log, _gradient);

    /// <summary>One log-likelihood and gradient evaluation of the fit's path: series tabulated per distinct x, blocks on every core.</summary>
    [Benchmark]
    public double EvaluationTabulated() => _data.LogLikelihood(_log, _gradient);

    /// <summary>The same evaluation through the per-row series on one core (the path before the tables), summed naively.</summary>
    [Benchmark(Baseline = true)]
    public double EvaluationPlainScalar()
    {
        double r = Math.Exp(_log[0]), alpha = Math.Exp(_log[1]), s = Math.Exp(_log[2]), beta = Math.Exp(_log[3]);
        double total = 0;
        Span<double> g = stackalloc double[4];
        g.Clear();
        for (int i = 0; i < _x.Length; i++)
        {
            double x = _x[i];
            ParetoNbdFactor atAge = ParetoNbdLikelihood.Factor(r, alpha, s, beta, x, _t[i]);
            total += SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * _log[1]) + (s * _log[3])
                + ParetoNbdLikelihood.Row(r, alpha, s, beta, x, _tx[i], _t[i], atAge, 1, g);
            g[0] += SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r) + _log[1];
        }

        _gradient[0] = g[0] * r;
        return total;
    }
}
