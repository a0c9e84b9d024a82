using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Value;

[Trait("Category", "Kernel")]
public class ClvKernelTests
{
    public static TheoryData<int> Paths => new(Enum.GetValues<VectorPath>().Select(p => (int)p));

    private static decimal Exact(ReadOnlySpan<double> values)
    {
        decimal sum = 0;
        foreach (double v in values)
        {
            sum += (decimal)v;
        }

        return sum;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_matches_the_exact_sum_for_every_length_including_tails(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        var random = new Random(42);
        for (int length = 0; length <= 300; length++)
        {
            var values = new double[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = Math.Round((random.NextDouble() - 0.3) * 1e6, 2);
            }

            decimal exact = Exact(values);
            double sum = CompensatedSum.Sum(values, path);
            Assert.True(Math.Abs((decimal)sum - exact) <= 1e-9m, $"path {path}, length {length}: {sum} vs {exact}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_survives_cancellation(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        for (int length = 3; length <= 300; length += 3)
        {
            var values = new double[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = (i % 3) switch { 0 => 1e15, 1 => 0.25, _ => -1e15 };
            }

            Assert.Equal((double)Exact(values), CompensatedSum.Sum(values, path));
        }
    }

    [Property(MaxTest = 300)]
    public Property Every_path_equals_the_scalar_reference() =>
        Prop.ForAll(Gen.Choose(-1_000_000, 1_000_000).Select(c => c / 100.0).ArrayOf().ToArbitrary(), values =>
        {
            double scalar = CompensatedSum.Sum(values, VectorPath.Scalar);
            return Enum.GetValues<VectorPath>().All(p => Math.Abs(CompensatedSum.Sum(values, p) - scalar) <= 1e-15 * values.Sum(Math.Abs));
        });

    [Fact]
    public void Nan_and_infinity_propagate()
    {
        foreach (VectorPath path in Enum.GetValues<VectorPath>())
        {
            double[] values = new double[40];
            values[17] = double.NaN;
            Assert.True(double.IsNaN(CompensatedSum.Sum(values, path)));
            values[17] = double.PositiveInfinity;
            Assert.False(double.IsFinite(CompensatedSum.Sum(values, path)));
        }
    }
}
