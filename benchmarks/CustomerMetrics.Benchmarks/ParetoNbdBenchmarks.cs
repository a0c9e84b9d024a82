using BenchmarkDotNet.Attributes;
using CustomerMetrics.Value.Models;
using MathNet.Numerics;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// Pareto/NBD fit on customers simulated from the CDNOW parameters (weekly data, first purchases on a daily grid 27–39
/// weeks before the end, purchase times continuous): the whole fit against the previous fit algorithm on the same
/// evaluation (the usual start on all the data, and a second Hessian for the standard errors), and one
/// log-likelihood-and-gradient evaluation (what the optimiser repeats) against the baseline, the same evaluation through
/// the per-row series one customer at a time (log-gammas and both ₂F₁ factors per customer, no compression, no tables,
/// one core), and the same tabulated evaluation on one thread.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ParetoNbdBenchmarks
{
    private readonly double[] _log = [Math.Log(0.553), Math.Log(10.578), Math.Log(0.606), Math.Log(11.669)];
    private readonly double[] _gradient = new double[4];
    private double[] _x = [], _tx = [], _t = [];
    private ParetoNbdData _data = null!;
    private ParetoNbdData _serial = null!;

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
    }

    [Benchmark]
    public double FitCompressedParallel() => ParetoNbd.Fit(_x, _tx, _t).Beta;

    /// <summary>The previous fit: the usual start on all the data (no subsample start), the standard errors from a second
    /// Hessian of the likelihood; same compression and evaluation.</summary>
    [Benchmark]
    public double FitPreviousAlgorithm()
    {
        var data = new ParetoNbdData(_x, _tx, _t, default, "Pareto/NBD");
        var result = ModelOptimizer.Minimize(data.Objective, ParetoNbd.Start(data), "Pareto/NBD");
        double[] errors = ModelOptimizer.StandardErrors(data.NegativeLogLikelihood, result.LogParameters);
        return data.LogLikelihood(result.LogParameters, new double[4]) + errors[3];
    }

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
