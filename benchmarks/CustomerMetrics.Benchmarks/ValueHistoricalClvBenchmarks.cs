using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using CustomerMetrics.Value;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// Historical CLV over n double amounts (compensated vector sum) against a read-only vector pass over the same buffer,
/// a plain scalar loop and LINQ <c>Sum</c>.
/// </summary>
[MemoryDiagnoser]
public class ValueHistoricalClvBenchmarks
{
    private double[] _amounts = [];

    [Params(1_000_000, 100_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _amounts = new double[N];
        for (int i = 0; i < N; i++)
        {
            _amounts[i] = Math.Round((random.NextDouble() * 200) - 20, 2);
        }
    }

    /// <summary>Loads every element once into OR-accumulators (the memory-bandwidth floor).</summary>
    [Benchmark]
    public ulong ReadOnlyPass()
    {
        ReadOnlySpan<ulong> bits = MemoryMarshal.Cast<double, ulong>(_amounts);
        ref ulong start = ref MemoryMarshal.GetReference(bits);
        Vector512<ulong> a0 = Vector512<ulong>.Zero, a1 = a0;
        int i = 0;
        int width = Vector512<ulong>.Count;
        for (; i <= bits.Length - (2 * width); i += 2 * width)
        {
            a0 |= Vector512.LoadUnsafe(ref start, (nuint)i);
            a1 |= Vector512.LoadUnsafe(ref start, (nuint)(i + width));
        }

        ulong rest = 0;
        for (; i < bits.Length; i++)
        {
            rest |= bits[i];
        }

        return Vector512.Sum(a0 | a1) | rest;
    }

    [Benchmark]
    public double ClvHistorical() => Clv.Historical(_amounts, 0.3).Value;

    [Benchmark]
    public double PlainScalarLoop()
    {
        double sum = 0;
        foreach (double a in _amounts)
        {
            sum += a;
        }

        return sum * 0.3;
    }

    [Benchmark(Baseline = true)]
    public double Linq() => _amounts.Sum() * 0.3;
}
