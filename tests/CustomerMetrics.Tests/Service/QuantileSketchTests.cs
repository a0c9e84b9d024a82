using System.Text.Json;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Serialization;
using CustomerMetrics.Service;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace CustomerMetrics.Tests.Service;

/// <summary>
/// The DDSketch guarantee against exact order statistics of sorted arrays, on distributions chosen to break a
/// sketch (heavy tail, two far-apart modes, a constant, tiny and huge magnitudes, many zeros), on both key paths.
/// </summary>
public class QuantileSketchTests(ITestOutputHelper output)
{
    private static readonly VectorPath[] KeyPaths = [VectorPath.Auto, VectorPath.Scalar];

    public static TheoryData<string> Distributions => new(AdversarialData.Names);

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Every_quantile_is_within_alpha_of_the_exact_order_statistic(string distribution)
    {
        double[] values = AdversarialData.Make(distribution, 200_000, seed: 7);
        double[] sorted = values.Order().ToArray();
        foreach (double alpha in new[] { 0.01, 0.05, 0.001 })
        {
            foreach (VectorPath path in KeyPaths)
            {
                var sketch = new QuantileSketch(alpha, 0);
                sketch.Add(values, path);
                double worst = WorstRelativeError(sketch, sorted);
                output.WriteLine($"{distribution} α = {alpha} {path}: max relative error {worst:G4} ({worst / alpha:P1} of α)");
                Assert.True(worst <= alpha * (1 + 1e-9), $"{distribution}, α = {alpha}, {path}: relative error {worst:R} exceeds α");
            }
        }
    }

    [Fact]
    public void Below_the_exact_capacity_quantiles_are_the_exact_lower_order_statistics()
    {
        double[] values = AdversarialData.Make("pareto", 1000, seed: 3);
        var sketch = new QuantileSketch(0.01, 1024);
        sketch.Add(values);
        Assert.True(sketch.IsExact);
        double[] sorted = values.Order().ToArray();
        for (int i = 0; i <= 100; i++)
        {
            double q = i / 100.0;
            Assert.Equal(sorted[(int)Math.Floor(q * (sorted.Length - 1))], sketch.Quantile(q));
        }

        sketch.Add(1.0);
        sketch.Add(values.AsSpan(0, 100));
        Assert.False(sketch.IsExact);
        Assert.Equal(1101, sketch.Count);
    }

    [Fact]
    public void Empty_sketch_reports_nan_and_small_cases_follow_the_lower_definition()
    {
        var sketch = new QuantileSketch();
        Assert.True(double.IsNaN(sketch.Median));
        Assert.True(double.IsNaN(sketch.Mean));
        Assert.Equal("n = 0", sketch.ToString());
        sketch.Add([1.0, 2.0]);
        Assert.Equal(1.0, sketch.Median);
        Assert.Equal(1.5, sketch.Mean);
        Assert.Equal(2.0, sketch.Quantile(1));
    }

    [Fact]
    public void Mean_sum_min_and_max_are_exact_while_quantiles_are_sketched()
    {
        double[] values = AdversarialData.Make("lognormal", 50_000, seed: 11);
        var sketch = new QuantileSketch(0.02, 0);
        sketch.Add(values);
        Assert.Equal(values.Min(), sketch.Min);
        Assert.Equal(values.Max(), sketch.Max);
        Assert.Equal(values.Average(), sketch.Mean, 1e-9 * values.Average());
        Assert.Equal(sketch.Max, sketch.Quantile(1));
        Assert.Equal(sketch.Min, sketch.Quantile(0));
    }

    [Fact]
    public void Strict_insertion_names_the_first_bad_index_and_leaves_the_sketch_unchanged()
    {
        var sketch = new QuantileSketch(0.01, 0);
        sketch.Add([1.0, 2.0, 3.0]);
        double[] bad = [4, 5, 6, 7, 8, 9, -1, double.NaN];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(bad));
        Assert.Contains("values[6] is -1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, sketch.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(double.NaN));
        Assert.Equal(2, sketch.AddLenient(bad));
        Assert.Equal(9, sketch.Count);
        Assert.Equal(2, sketch.Rejected);
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(0.01, 5000));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(1.1));
    }

    [Property(Arbitrary = [typeof(SketchArbitraries)], MaxTest = 200)]
    public void Merging_the_sketches_of_two_parts_equals_the_sketch_of_the_whole(SketchInput a, SketchInput b, int capacityChoice)
    {
        int capacity = new[] { 0, 16, 1024 }[Math.Abs(capacityChoice % 3)];
        QuantileSketch whole = Build(capacity, a.Values, b.Values);
        QuantileSketch left = Build(capacity, a.Values), right = Build(capacity, b.Values);
        AssertSameState(whole, left + right);
        AssertSameState(whole, right + left);
        AssertSameState(left, left + new QuantileSketch(0.01, capacity));
        AssertSameState(left, QuantileSketch.Add(new QuantileSketch(0.01, capacity), left));
    }

    [Property(Arbitrary = [typeof(SketchArbitraries)], MaxTest = 150)]
    public void Merging_is_associative(SketchInput a, SketchInput b, SketchInput c)
    {
        QuantileSketch x = Build(16, a.Values), y = Build(16, b.Values), z = Build(16, c.Values);
        AssertSameState((x + y) + z, x + (y + z));
        AssertSameState(Build(16, a.Values, b.Values, c.Values), x + (y + z));
    }

    [Fact]
    public void Sketches_with_different_accuracy_do_not_merge()
    {
        var a = new QuantileSketch(0.01);
        Assert.Throws<ArgumentException>(() => a.Merge(new QuantileSketch(0.02)));
        Assert.Throws<ArgumentException>(() => a.Merge(new QuantileSketch(0.01, 10)));
        a.Add([1.0, 2.0]);
        a.Merge(a);
        Assert.Equal(4, a.Count);
    }

    [Fact]
    public void Clear_keeps_the_storage_and_allocates_nothing_on_reuse()
    {
        double[] values = AdversarialData.Make("bimodal", 100_000, seed: 5);
        var sketch = new QuantileSketch(0.01, 0);
        // Two warm-up cycles: one fresh-clone CI run saw the first reuse grow the counts once (a long[816], 6,552 B),
        // not reproduced since; warmed up, a reuse must allocate nothing.
        for (int warmUp = 0; warmUp < 2; warmUp++)
        {
            sketch.Add(values);
            sketch.Clear();
        }

        Assert.Equal(0, sketch.Count);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sketch.Add(values);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(100_000, sketch.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(5000)]
    public void Json_round_trips_empty_exact_and_bucketed_sketches(int n)
    {
        var sketch = new QuantileSketch(0.02, 100);
        sketch.Add(AdversarialData.Make("zeros", n, seed: 2));
        sketch.AddLenient([-1.0]);
        string json = JsonSerializer.Serialize(sketch, CustomerMetricsJsonContext.Default.QuantileSketch);
        QuantileSketch back = JsonSerializer.Deserialize(json, CustomerMetricsJsonContext.Default.QuantileSketch)!;
        AssertSameState(sketch, back);
        Assert.Equal(sketch.Rejected, back.Rejected);
        for (int i = 0; i <= 20; i++)
        {
            Assert.Equal(sketch.Quantile(i / 20.0), back.Quantile(i / 20.0));
        }
    }

    [Fact]
    public void Json_rejects_impossible_states()
    {
        string valid = JsonSerializer.Serialize(Build(0, [1.0, 2.0, 3.0]), CustomerMetricsJsonContext.Default.QuantileSketch);
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Deserialize(valid.Replace("\"bucketCounts\":[", "\"bucketCounts\":[-5,", StringComparison.Ordinal), CustomerMetricsJsonContext.Default.QuantileSketch));
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Deserialize(valid.Replace("\"min\":1", "\"min\":7", StringComparison.Ordinal), CustomerMetricsJsonContext.Default.QuantileSketch));
        Assert.ThrowsAny<ArgumentException>(() => new QuantileSketch(0.01, 2, [1.0, 2.0, 3.0], 0, 0, [], 6, 1, 3, 0));
        Assert.ThrowsAny<ArgumentException>(() => new QuantileSketch(0.01, 10, [1.0], 1, 0, [], 1, 1, 1, 0));
    }

    internal static QuantileSketch Build(int capacity, params double[][] parts)
    {
        var sketch = new QuantileSketch(0.01, capacity);
        foreach (double[] part in parts)
        {
            sketch.Add(part);
        }

        return sketch;
    }

    internal static void AssertSameState(QuantileSketch expected, QuantileSketch actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.IsExact, actual.IsExact);
        Assert.Equal(expected.ExactValues, actual.ExactValues);
        Assert.Equal(expected.ZeroCount, actual.ZeroCount);
        Assert.Equal(expected.FirstKey, actual.FirstKey);
        Assert.Equal(expected.BucketCounts, actual.BucketCounts);
        Assert.Equal(expected.Min, actual.Min);
        Assert.Equal(expected.Max, actual.Max);
        Assert.Equal(expected.Sum, actual.Sum, Math.Max(1e-300, 1e-12 * expected.Sum));
    }

    private static double WorstRelativeError(QuantileSketch sketch, double[] sorted)
    {
        double worst = 0;
        for (int i = 0; i <= 1000; i++)
        {
            double q = i / 1000.0;
            double exact = sorted[(long)Math.Floor(q * (sorted.Length - 1))];
            double estimate = sketch.Quantile(q);
            double error = exact == 0 ? (estimate == 0 ? 0 : double.PositiveInfinity) : Math.Abs(estimate - exact) / exact;
            worst = Math.Max(worst, error);
        }

        return worst;
    }
}

/// <summary>Values for a sketch property: mostly positive with zeros, spanning many magnitudes.</summary>
public sealed record SketchInput(double[] Values)
{
    public override string ToString() => $"{Values.Length} values: [{string.Join(",", Values.Take(10).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}…]";
}

public static class SketchArbitraries
{
    public static Arbitrary<SketchInput> Input() =>
        Gen.Frequency((3, Gen.Choose(0, 40)), (2, Gen.Choose(0, 3000)))
            .SelectMany(length => Gen.ArrayOf(
                Gen.Frequency(
                    (1, Gen.Constant(0.0)),
                    (8, Gen.Choose(-300, 300).Select(e => Math.Pow(10, e / 10.0))),
                    (4, Gen.Choose(1, 100_000).Select(v => v / 7.0))),
                length))
            .Select(values => new SketchInput(values))
            .ToArbitrary();
}

/// <summary>Seeded adversarial distributions for the sketch bound.</summary>
internal static class AdversarialData
{
    public static readonly string[] Names = ["pareto", "bimodal", "constant", "tiny", "huge", "zeros", "lognormal", "uniform", "spanning"];

    public static double[] Make(string name, int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = random.NextDouble();
            values[i] = name switch
            {
                "pareto" => Math.Pow(1 - u, -1 / 1.1),
                "bimodal" => u < 0.5 ? 1 + random.NextDouble() : 1e6 * (1 + random.NextDouble()),
                "constant" => 42.5,
                "tiny" => 1e-300 * Math.Exp(10 * u),
                "huge" => 1e300 * Math.Exp(10 * u),
                "zeros" => u < 0.6 ? 0 : Math.Exp(5 * random.NextDouble()),
                "lognormal" => Math.Exp(2 * Normal(random)),
                "uniform" => 1000 * u,
                "spanning" => Math.Pow(10, (600 * u) - 300),
                _ => throw new ArgumentOutOfRangeException(nameof(name)),
            };
        }

        return values;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
