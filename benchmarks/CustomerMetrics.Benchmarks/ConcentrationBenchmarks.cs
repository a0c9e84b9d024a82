using BenchmarkDotNet.Attributes;
using CustomerMetrics.Value;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// The Gini coefficient of one value per customer: the library (checked pooled copy, sort, Gini and its O(n)
/// jackknife variance) against a plain loop over a sorted copy (baseline, Gini only), the LINQ a user would write, and
/// a pass that only reads the values.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ConcentrationBenchmarks
{
    private double[] _values = [];
    private double[] _copy = [];

    [Params(1_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _values = new double[N];
        for (int i = 0; i < N; i++)
        {
            _values[i] = 60 * Math.Exp(1.5 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        _copy = new double[N];
    }

    [Benchmark(Baseline = true)]
    public double PlainLoop()
    {
        _values.CopyTo(_copy, 0);
        Array.Sort(_copy);
        double total = 0, weighted = 0;
        int n = _copy.Length;
        for (int i = 0; i < n; i++)
        {
            total += _copy[i];
            weighted += ((2.0 * i) + 1 - n) * _copy[i];
        }

        return weighted / (n * total);
    }

    [Benchmark]
    public double Linq()
    {
        double[] sorted = [.. _values.OrderBy(v => v)];
        int n = sorted.Length;
        return sorted.Select((v, i) => ((2.0 * i) + 1 - n) * v).Sum() / (n * sorted.Sum());
    }

    [Benchmark]
    public ulong ReadOnly() => ReadOnlyPass.Read<double>(_values);

    [Benchmark]
    public double Library() => Concentration.Gini(_values).Gini;
}
