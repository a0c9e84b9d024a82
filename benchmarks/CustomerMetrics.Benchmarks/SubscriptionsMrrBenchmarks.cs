using System.Numerics;
using BenchmarkDotNet.Attributes;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// <see cref="MrrMovements.Between(ReadOnlySpan{double}, ReadOnlySpan{double})"/> over 10 M customers (two 80 MB
/// buffers) against a pass that only reads both buffers (the memory-bandwidth limit), a plain scalar loop and the LINQ
/// a user would write; the exact decimal path beside them. Inputs are generated once in <see cref="Setup"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class SubscriptionsMrrBenchmarks
{
    private double[] _previous = [];
    private double[] _current = [];
    private decimal[] _previousDecimal = [];
    private decimal[] _currentDecimal = [];

    [Params(10_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _previous = new double[Customers];
        _current = new double[Customers];
        for (int i = 0; i < Customers; i++)
        {
            // Typical month: 5 % new, 3 % churned, 10 % expansion, 5 % contraction, the rest unchanged or inactive.
            double p = random.Next(20) == 0 ? 0 : 10 * random.Next(1, 100);
            int roll = random.Next(100);
            _previous[i] = p;
            _current[i] = p == 0 ? (roll < 50 ? 10 * random.Next(1, 100) : 0)
                : roll < 3 ? 0 : roll < 13 ? p + 10 : roll < 18 ? p / 2 : p;
        }

        _previousDecimal = Array.ConvertAll(_previous, v => (decimal)v);
        _currentDecimal = Array.ConvertAll(_current, v => (decimal)v);
    }

    /// <summary>Reads both buffers with vector loads and does nothing else: the bandwidth limit.</summary>
    [Benchmark(Baseline = true)]
    public double ReadBothBuffers()
    {
        ReadOnlySpan<Vector<double>> p = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(_previous);
        ReadOnlySpan<Vector<double>> c = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(_current);
        Vector<double> a = Vector<double>.Zero, b = Vector<double>.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            a |= p[i];
            b |= c[i];
        }

        return Vector.Sum(a | b);
    }

    /// <summary>
    /// The same read-only pass on every core (the buffers split into one contiguous part per core): the bandwidth limit
    /// of a parallel scan, the fair baseline for <see cref="Library"/>, which forks from 2^19 customers on.
    /// </summary>
    [Benchmark]
    public double ReadBothBuffersEveryCore()
    {
        int parts = Environment.ProcessorCount;
        var partial = new double[parts];
        Parallel.For(0, parts, part =>
        {
            int size = ((_previous.Length / parts) + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;
            int from = Math.Min(part * size, _previous.Length), to = Math.Min(from + size, _previous.Length);
            ReadOnlySpan<Vector<double>> p = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(_previous.AsSpan(from, to - from));
            ReadOnlySpan<Vector<double>> c = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(_current.AsSpan(from, to - from));
            Vector<double> a = Vector<double>.Zero, b = Vector<double>.Zero;
            for (int i = 0; i < p.Length; i++)
            {
                a |= p[i];
                b |= c[i];
            }

            partial[part] = Vector.Sum(a | b);
        });
        return partial.Sum();
    }

    /// <summary>The library: every core from 2^19 customers on.</summary>
    [Benchmark]
    public MrrMovements<double> Library() => MrrMovements.Between(_previous, _current);

    /// <summary>The library on one core (no node forks): the kernel's own speed against <see cref="ReadBothBuffers"/>.</summary>
    [Benchmark]
    public MrrMovements<double> LibraryOneCore() => MrrMovements.Between(_previous, _current, [], VectorPaths.Best, int.MaxValue);

    [Benchmark]
    public MrrMovements<double> LibraryVector256() => MrrMovements.Between(_previous, _current, [], VectorPath.Vector256, int.MaxValue);

    [Benchmark]
    public MrrMovements<double> LibraryScalarPath() => MrrMovements.Between(_previous, _current, [], VectorPath.Scalar, int.MaxValue);

    [Benchmark]
    public MrrMovements<decimal> LibraryDecimal() => MrrMovements.Between(_previousDecimal, _currentDecimal);

    /// <summary>A plain scalar loop a careful user would write (naive sums, no validation).</summary>
    [Benchmark]
    public double PlainScalarLoop()
    {
        double[] previous = _previous, current = _current;
        double fresh = 0, up = 0, down = 0, churned = 0;
        for (int i = 0; i < previous.Length; i++)
        {
            double p = previous[i], c = current[i];
            if (p == 0) { fresh += c; }
            else if (c == 0) { churned += p; }
            else if (c > p) { up += c - p; }
            else { down += p - c; }
        }

        return fresh + up - down - churned;
    }

    /// <summary>The LINQ a user would write: one query per movement.</summary>
    [Benchmark]
    public double Linq()
    {
        var rows = _previous.Zip(_current, (p, c) => (p, c));
        double fresh = rows.Where(r => r.p == 0 && r.c > 0).Sum(r => r.c);
        double churned = rows.Where(r => r.p > 0 && r.c == 0).Sum(r => r.p);
        double up = rows.Where(r => r.p > 0 && r.c > r.p).Sum(r => r.c - r.p);
        double down = rows.Where(r => r.c > 0 && r.c < r.p).Sum(r => r.p - r.c);
        double start = _previous.Sum();
        return (fresh + up - down - churned) / start;
    }
}
