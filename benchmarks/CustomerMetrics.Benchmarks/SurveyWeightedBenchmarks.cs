using BenchmarkDotNet.Attributes;
using CustomerMetrics.Surveys;

namespace CustomerMetrics.Benchmarks;

/// <summary>
/// Weighted NPS over byte scores and double weights: the library's vector kernel (compensated sums) against a pass that
/// only reads both buffers (memory bandwidth), the plain scalar loop a user would write (naive sums, the baseline), and
/// LINQ.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SurveyWeightedBenchmarks
{
    private byte[] _scores = [];
    private double[] _weights = [];

    [Params(10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scores = SyntheticScores.Bytes(N, 11);
        var random = new Random(42);
        _weights = new double[N];
        for (int i = 0; i < N; i++)
        {
            _weights[i] = 0.2 + (random.NextDouble() * 3);
        }
    }

    [Benchmark(Baseline = true)]
    public double ScalarLoop()
    {
        double promoters = 0, passives = 0, detractors = 0, squares = 0;
        byte[] scores = _scores;
        double[] weights = _weights;
        for (int i = 0; i < scores.Length; i++)
        {
            byte score = scores[i];
            double w = weights[i];
            if (score > 10 || !(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentOutOfRangeException(nameof(weights));
            }

            squares += w * w;
            if (score >= 9)
            {
                promoters += w;
            }
            else if (score >= 7)
            {
                passives += w;
            }
            else
            {
                detractors += w;
            }
        }

        double total = promoters + passives + detractors;
        return (100 * (promoters - detractors) / total) + (total * total / squares);
    }

    [Benchmark]
    public double Linq()
    {
        var pairs = _scores.Zip(_weights);
        double promoters = pairs.Where(p => p.First >= 9).Sum(p => p.Second);
        double detractors = pairs.Where(p => p.First <= 6).Sum(p => p.Second);
        double total = _weights.Sum();
        return (100 * (promoters - detractors) / total) + (total * total / _weights.Sum(w => w * w));
    }

    [Benchmark]
    public ulong ReadOnly() => ReadOnlyPass.Read<byte>(_scores) | ReadOnlyPass.Read<double>(_weights);

    [Benchmark]
    public WeightedNpsResult Library() => Nps.CalculateWeighted(_scores, _weights);
}
