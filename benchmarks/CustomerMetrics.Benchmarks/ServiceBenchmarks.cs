using BenchmarkDotNet.Attributes;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerMetrics.Service;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// The share of tickets answered within 10 minutes over (created, responded) timestamp spans: the library kernel
/// against a plain scalar loop (baseline), the LINQ a user would write, and a pass that only reads both spans.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ServiceLevelBenchmarks
{
    private long[] _created = [];
    private long[] _responded = [];

    [Params(1_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _created = new long[N];
        _responded = new long[N];
        for (int i = 0; i < N; i++)
        {
            _created[i] = 1_700_000_000L + (i * 30L);
            _responded[i] = random.Next(20) == 0 ? ServiceTimes.Missing : _created[i] + random.Next(1800);
        }
    }

    [Benchmark(Baseline = true)]
    public long ScalarLoop()
    {
        long within = 0, answered = 0;
        for (int i = 0; i < _created.Length; i++)
        {
            long r = _responded[i];
            if (r == ServiceTimes.Missing)
            {
                continue;
            }

            long d = r - _created[i];
            if (d < 0)
            {
                throw new ArgumentException("answer before creation");
            }

            answered++;
            within += d <= 600 ? 1 : 0;
        }

        return within * 1_000_000 / Math.Max(1, answered);
    }

    [Benchmark]
    public double Linq()
    {
        var answered = _created.Zip(_responded).Where(p => p.Second != ServiceTimes.Missing).Select(p => p.Second - p.First).ToList();
        return answered.Count(d => d <= 600) / (double)answered.Count;
    }

    [Benchmark]
    public ulong ReadOnly() => ReadOnlyPass.Read<long>(_created) | ReadOnlyPass.Read<long>(_responded);

    [Benchmark]
    public ServiceLevelResult Library() => ServiceLevel.Calculate(_created, _responded, 600);
}

/// <summary>
/// Bulk insertion into the DDSketch (α = 0.01, bucketed from the first value, storage kept across invocations) of
/// log-normal response times: against a plain loop of exact bucket keys with Math.Log (baseline), sorting a copy (what
/// an exact percentile costs), and a read-only pass.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SketchInsertBenchmarks
{
    private double[] _values = [];
    private double[] _copy = [];
    private long[] _counts = [];
    private readonly QuantileSketch _sketch = new(0.01, 0);

    [Params(1_000_000, 10_000_000)]
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
        _counts = new long[4096];
        _sketch.Add(_values);
    }

    [Benchmark(Baseline = true)]
    public long ScalarMathLog()
    {
        double inverse = 1 / Math.Log(1.01 / 0.99);
        Array.Clear(_counts);
        foreach (double value in _values)
        {
            _counts[2048 + (int)Math.Ceiling(Math.Log(value) * inverse)]++;
        }

        return _counts[2048];
    }

    /// <summary>
    /// A replica of the library's previous bucket loop (4 vector logarithms, then 4 range-checked increments that
    /// reload the counter array), so the change is measured against it in the same run.
    /// </summary>
    [Benchmark]
    public long PreviousVectorLoop()
    {
        Array.Clear(_counts);
        Vector256<double> inverse = Vector256.Create(1 / Math.Log(1.01 / 0.99));
        ref double start = ref MemoryMarshal.GetArrayDataReference(_values);
        int i = 0;
        for (; i <= _values.Length - 4; i += 4)
        {
            Vector256<double> x = Vector256.LoadUnsafe(ref start, (nuint)i);
            Vector256<long> keys = Vector256.ConvertToInt64(Vector256.Ceiling(Vector256.Log(x) * inverse));
            PreviousIncrement((int)keys.GetElement(0));
            PreviousIncrement((int)keys.GetElement(1));
            PreviousIncrement((int)keys.GetElement(2));
            PreviousIncrement((int)keys.GetElement(3));
        }

        return _counts[2048];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PreviousIncrement(int key)
    {
        uint index = (uint)(key + 2048);
        long[] counts = _counts;
        if (index >= (uint)counts.Length)
        {
            Grow();
        }

        counts[index]++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow() => throw new InvalidOperationException("Key out of range.");

    [Benchmark]
    public double SortCopy()
    {
        _values.CopyTo(_copy, 0);
        Array.Sort(_copy);
        return _copy[_copy.Length / 2];
    }

    [Benchmark]
    public ulong ReadOnly() => ReadOnlyPass.Read<double>(_values);

    [Benchmark]
    public long Library()
    {
        _sketch.Clear();
        _sketch.Add(_values);
        return _sketch.Count;
    }
}
