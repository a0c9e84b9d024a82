using BenchmarkDotNet.Attributes;
using CustomerMetrics.Value.Models;
using MathNet.Numerics;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// Pareto/NBD fit on customers simulated from the CDNOW parameters (weekly data, first purchases on a daily grid 27–39
/// weeks before the end, purchase times continuous). Baseline: the same optimiser on a plain scalar likelihood, one
/// customer at a time (log-gammas and both ₂F₁ factors per customer, no compression, one core).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ParetoNbdBenchmarks
{
    private double[] _x = [], _tx = [], _t = [];

    [Params(2_357, 20_000)]
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
    }

    [Benchmark]
    public double FitCompressedParallel() => ParetoNbd.Fit(_x, _tx, _t).Beta;

    [Benchmark(Baseline = true)]
    public double FitPlainScalar()
    {
        double Objective(ReadOnlySpan<double> log, Span<double> gradient)
        {
            double r = Math.Exp(log[0]), alpha = Math.Exp(log[1]), s = Math.Exp(log[2]), beta = Math.Exp(log[3]);
            double total = 0;
            Span<double> g = stackalloc double[4];
            g.Clear();
            for (int i = 0; i < _x.Length; i++)
            {
                double x = _x[i];
                ParetoNbdFactor atAge = ParetoNbdLikelihood.Factor(r, alpha, s, beta, x, _t[i]);
                total += SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * log[1]) + (s * log[3])
                    + ParetoNbdLikelihood.Row(r, alpha, s, beta, x, _tx[i], _t[i], atAge, 1, g);
                g[0] += SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r) + log[1];
                g[1] += r / alpha;
                g[2] += log[3];
                g[3] += s / beta;
            }

            gradient[0] = -g[0] * r / _x.Length;
            gradient[1] = -g[1] * alpha / _x.Length;
            gradient[2] = -g[2] * s / _x.Length;
            gradient[3] = -g[3] * beta / _x.Length;
            return -total / _x.Length;
        }

        double meanAge = _t.Average(), meanX = _x.Average();
        var result = ModelOptimizer.Minimize(Objective, [0, Math.Log(meanAge / meanX), 0, Math.Log(meanAge)], "Pareto/NBD (plain)");
        return Math.Exp(result.LogParameters[3]);
    }
}
