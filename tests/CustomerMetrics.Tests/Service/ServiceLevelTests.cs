using System.Text.Json;
using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Serialization;
using CustomerMetrics.Service;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Service;

/// <summary>Ticket rows for a property: timestamps in seconds, some open, some invalid, group ids 0..4.</summary>
public sealed record Tickets(long[] Created, long[] Responded, int[] Groups)
{
    public override string ToString() => $"{Created.Length} tickets: " + string.Join(" ", Created.Zip(Responded).Take(8).Select(p => $"({p.First},{p.Second})"));
}

public static class TicketArbitraries
{
    public static Arbitrary<Tickets> Tickets() =>
        Gen.Frequency((3, Gen.Choose(0, 60)), (1, Gen.Choose(0, 3000)))
            .SelectMany(n => Gen.ArrayOf(
                from c in Gen.Choose(0, 1_000_000)
                from d in Gen.Frequency(
                    (30, Gen.Choose(0, 3600).Select(d => (long)d)),
                    (4, Gen.Constant(-1L)),
                    (1, Gen.Choose(-100, -1).Select(d => (long)d - 1_000_000_000L)),
                    (1, Gen.Constant(-2L)))
                from g in Gen.Choose(0, 4)
                select (c, d, g),
                n))
            .Select(rows => new Tickets(
                rows.Select(r => r.d == -2 ? ServiceTimes.Missing : r.c).ToArray(),
                rows.Select(r => r.d == -1 ? ServiceTimes.Missing : r.d == -2 ? r.c : r.c + r.d).ToArray(),
                rows.Select(r => r.g).ToArray()))
            .ToArbitrary();
}

[Trait("Category", "Kernel")]
public class ServiceLevelTests
{
    private static readonly VectorPath[] AllPaths = Enum.GetValues<VectorPath>();

    [Property(Arbitrary = [typeof(TicketArbitraries)], MaxTest = 200)]
    public void Every_vector_path_matches_the_scalar_definition(Tickets t, int thresholdSeed)
    {
        long threshold = Math.Abs(thresholdSeed % 4000);
        (long within, long answered, long open, long rejected) = Reference(t.Created, t.Responded, threshold);
        foreach (VectorPath path in AllPaths)
        {
            ServiceLevelResult lenient = ServiceLevel.Calculate(t.Created, t.Responded, threshold, lenient: true, path);
            Assert.Equal((within, answered, open, rejected), (lenient.Within, lenient.Responded, lenient.Open, lenient.Rejected));
            if (rejected == 0)
            {
                Assert.Equal(lenient, ServiceLevel.Calculate(t.Created, t.Responded, threshold, lenient: false, path));
            }
            else
            {
                Assert.ThrowsAny<ArgumentException>(() => ServiceLevel.Calculate(t.Created, t.Responded, threshold, lenient: false, path));
            }
        }
    }

    [Property(Arbitrary = [typeof(TicketArbitraries)], MaxTest = 100)]
    public void Groups_merge_to_the_ungrouped_result(Tickets t)
    {
        var (created, responded, groups) = Valid(t);
        var perGroup = new ServiceLevelResult[5];
        ServiceLevel.Calculate(created, responded, 600, groups, perGroup);
        Assert.Equal(ServiceLevel.Calculate(created, responded, 600), perGroup.Aggregate(default(ServiceLevelResult), (a, b) => a + b));
        for (int g = 0; g < 5; g++)
        {
            int[] rows = Enumerable.Range(0, groups.Length).Where(i => groups[i] == g).ToArray();
            Assert.Equal(ServiceLevel.Calculate(rows.Select(i => created[i]).ToArray(), rows.Select(i => responded[i]).ToArray(), 600), perGroup[g]);
        }
    }

    [Fact]
    public void A_hand_counted_example_with_a_ten_minute_threshold()
    {
        long m = ServiceTimes.Missing;
        long[] created = [0, 100, 200, 300, 400, 500];
        long[] responded = [300, 700, 800, m, 1000, 1500];
        ServiceLevelResult result = ServiceLevel.Calculate(created, responded, 600);
        // Durations 300, 600 (boundary: within), 600, open, 600, 1000.
        Assert.Equal((4L, 5L, 1L, 0L), (result.Within, result.Responded, result.Open, result.Rejected));
        Assert.Equal(0.8, result.Share);
        // Wilson (1927), z = 1.959964: centre (0.8 + z²/10)/(1 + z²/5), half-width z√(0.16/5 + z²/100)/(1 + z²/5).
        double z = 1.959963984540054, d = 1 + (z * z / 5);
        ConfidenceInterval ci = result.Interval();
        Assert.Equal(((0.8 + (z * z / 10)) - (z * Math.Sqrt((0.16 / 5) + (z * z / 100)))) / d, ci.Lower, 12);
        Assert.Equal(((0.8 + (z * z / 10)) + (z * Math.Sqrt((0.16 / 5) + (z * z / 100)))) / d, ci.Upper, 12);
        Assert.Contains("80.0 %", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_rows_throw_with_the_index_and_the_lenient_twin_counts_them()
    {
        long[] created = [0, 10, ServiceTimes.Missing, 30];
        long[] responded = [5, 5, 40, 35];
        var ex = Assert.Throws<ArgumentException>(() => ServiceLevel.Calculate(created, responded, 600));
        Assert.Contains("responded[1] is 5, before created[1] = 10", ex.Message, StringComparison.Ordinal);
        ServiceLevelResult lenient = ServiceLevel.CalculateLenient(created, responded, 600);
        Assert.Equal((2L, 2L), (lenient.Rejected, lenient.Within));
        Assert.Throws<ArgumentException>(() => ServiceLevel.Calculate(created, responded.AsSpan(1), 600));
        Assert.Throws<ArgumentOutOfRangeException>(() => ServiceLevel.Calculate(created, responded, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ServiceLevel.Calculate([1], [2], 600, [5], new ServiceLevelResult[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceLevelResult(3, 2, 0, 0));
        Assert.True(double.IsNaN(default(ServiceLevelResult).Share));
        Assert.Throws<InvalidOperationException>(() => default(ServiceLevelResult).Interval());
    }

    [Fact]
    public void Durations_give_the_exact_median_and_percentiles_of_the_answered_tickets()
    {
        var random = new Random(17);
        int n = 900;
        long[] created = Enumerable.Range(0, n).Select(i => (long)i * 1000).ToArray();
        long[] responded = created.Select(c => random.Next(10) == 0 ? ServiceTimes.Missing : c + (long)(60 * Math.Exp(2 * random.NextDouble()))).ToArray();
        QuantileSketch sketch = ServiceTimes.Durations(created, responded, scale: 1 / 60.0);
        double[] minutes = created.Zip(responded).Where(p => p.Second != ServiceTimes.Missing).Select(p => (p.Second - p.First) / 60.0).Order().ToArray();
        Assert.Equal(minutes.Length, sketch.Count);
        Assert.Equal(minutes[(int)Math.Floor(0.5 * (minutes.Length - 1))], sketch.Median, 1e-12);
        Assert.Equal(minutes[(int)Math.Floor(0.9 * (minutes.Length - 1))], sketch.P90, 1e-12);
        Assert.Equal(minutes[(int)Math.Floor(0.95 * (minutes.Length - 1))], sketch.P95, 1e-12);
        Assert.Equal(minutes.Average(), sketch.Mean, 1e-9);
        Assert.Equal(n - minutes.Length, ServiceTimes.AddDurations(created, responded, new QuantileSketch()));
        Assert.Throws<ArgumentException>(() => ServiceTimes.Durations([10], [5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ServiceTimes.Durations([10], [15], scale: 0));
    }

    [Fact]
    public void The_service_level_allocates_nothing()
    {
        long[] created = Enumerable.Range(0, 10_000).Select(i => (long)i).ToArray();
        long[] responded = created.Select(c => c + (c % 1200)).ToArray();
        ServiceLevel.Calculate(created, responded, 600);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ServiceLevelResult result = ServiceLevel.Calculate(created, responded, 600);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000, result.Responded);
    }

    [Fact]
    public void Results_round_trip_through_json()
    {
        ServiceLevelResult level = new(4, 5, 1, 2);
        Assert.Equal(level, JsonSerializer.Deserialize(JsonSerializer.Serialize(level, CustomerMetricsJsonContext.Default.ServiceLevelResult), CustomerMetricsJsonContext.Default.ServiceLevelResult));
        Assert.Equal(default, JsonSerializer.Deserialize(JsonSerializer.Serialize(default(ServiceLevelResult), CustomerMetricsJsonContext.Default.ServiceLevelResult), CustomerMetricsJsonContext.Default.ServiceLevelResult));
        ResolutionResult resolution = new(10, 8, 5, 2);
        Assert.Equal(resolution, JsonSerializer.Deserialize(JsonSerializer.Serialize(resolution, CustomerMetricsJsonContext.Default.ResolutionResult), CustomerMetricsJsonContext.Default.ResolutionResult));
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Deserialize("{\"within\":6,\"responded\":5,\"open\":0,\"rejected\":0}", CustomerMetricsJsonContext.Default.ServiceLevelResult));
    }

    internal static (long[] Created, long[] Responded, int[] Groups) Valid(Tickets t)
    {
        int[] keep = Enumerable.Range(0, t.Created.Length)
            .Where(i => t.Created[i] != ServiceTimes.Missing && (t.Responded[i] == ServiceTimes.Missing || t.Responded[i] >= t.Created[i])).ToArray();
        return (keep.Select(i => t.Created[i]).ToArray(), keep.Select(i => t.Responded[i]).ToArray(), keep.Select(i => t.Groups[i]).ToArray());
    }

    private static (long, long, long, long) Reference(long[] created, long[] responded, long threshold)
    {
        long within = 0, answered = 0, open = 0, rejected = 0;
        for (int i = 0; i < created.Length; i++)
        {
            if (created[i] == ServiceTimes.Missing || (responded[i] != ServiceTimes.Missing && responded[i] < created[i]))
            {
                rejected++;
            }
            else if (responded[i] == ServiceTimes.Missing)
            {
                open++;
            }
            else
            {
                answered++;
                within += responded[i] - created[i] <= threshold ? 1 : 0;
            }
        }

        return (within, answered, open, rejected);
    }
}
