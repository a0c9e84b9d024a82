using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions;

/// <summary>Every vector path against a plain scalar reference written here, for every length including the tails.</summary>
[Trait("Category", "Kernel")]
public class MrrKernelTests
{
    private static MrrMovements<double> Reference(double[] p, double[] c, bool[]? was)
    {
        double start = 0, end = 0, fresh = 0, up = 0, down = 0, churned = 0, reactivated = 0;
        long nNew = 0, nUp = 0, nDown = 0, nChurn = 0, nReact = 0, nSame = 0, nInactive = 0;
        for (int i = 0; i < p.Length; i++)
        {
            start += p[i];
            end += c[i];
            if (p[i] == c[i]) { nSame++; if (p[i] == 0) { nInactive++; } }
            else if (p[i] == 0 && was is not null && was[i]) { nReact++; reactivated += c[i]; }
            else if (p[i] == 0) { nNew++; fresh += c[i]; }
            else if (c[i] == 0) { nChurn++; churned += p[i]; }
            else if (c[i] > p[i]) { nUp++; up += c[i] - p[i]; }
            else { nDown++; down += p[i] - c[i]; }
        }

        return new MrrMovements<double>(start, end, fresh, up, down, churned, reactivated, nNew, nUp, nDown, nChurn, nReact, nSame, nInactive);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_length_matches_the_scalar_reference(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        int[] lengths = [.. Enumerable.Range(0, 130), 255, 256, 257, MrrMovements.LeafLength - 1, MrrMovements.LeafLength,
            MrrMovements.LeafLength + 1, (3 * MrrMovements.LeafLength) + 7, 20_011];
        foreach (int length in lengths)
        {
            (double[] p, double[] c, bool[] w) = MrrData.Generate(length, length);
            Assert.Equal(Reference(p, c, null), MrrMovements.Between(p, c, [], path));
            Assert.Equal(Reference(p, c, w), MrrMovements.Between(p, c, w, path));
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool Arbitrary_spans_match_the_scalar_reference_on_every_path(int seed, ushort rawLength, bool withFlags)
    {
        (double[] p, double[] c, bool[] w) = MrrData.Generate(seed, rawLength % 5000);
        MrrMovements<double> expected = Reference(p, c, withFlags ? w : null);
        ReadOnlySpan<bool> flags = withFlags ? w : [];
        return MrrMovements.Between(p, c, flags, VectorPath.Scalar) == expected
            && MrrMovements.Between(p, c, flags, VectorPath.Vector128) == expected
            && MrrMovements.Between(p, c, flags, VectorPath.Vector256) == expected
            && MrrMovements.Between(p, c, flags, VectorPath.Vector512) == expected;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_bad_value_anywhere_is_reported_with_its_index(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        double[] bad = [-1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -double.Epsilon];
        foreach (int length in (int[])[1, 7, 8, 9, 33, MrrMovements.LeafLength + 19])
        {
            for (int index = 0; index < length; index += Math.Max(1, length / 9))
            {
                foreach (bool inCurrent in (bool[])[false, true])
                {
                    (double[] p, double[] c, _) = MrrData.Generate(index, length);
                    double value = bad[index % bad.Length];
                    (inCurrent ? c : p)[index] = value;
                    var e = Assert.Throws<ArgumentOutOfRangeException>(() => MrrMovements.Between(p, c, [], path));
                    string name = inCurrent ? "current" : "previous";
                    Assert.Equal(name, e.ParamName);
                    Assert.Contains($"{name}[{index}] is", e.Message, StringComparison.Ordinal);
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Negative_zero_and_overflowing_sums_take_the_scalar_fallback_and_stay_correct(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        (double[] p, double[] c, bool[] w) = MrrData.Generate(5, 300);
        p[17] = -0.0;
        c[250] = -0.0;
        Assert.Equal(Reference(p, c, w), MrrMovements.Between(p, c, w, path));
        double[] huge = [double.MaxValue, double.MaxValue, 0, 0, 1, 2, 3, 4, 5];
        // Finite amounts whose sum overflows: an OverflowException on every path (never ∞ in a result).
        Assert.Throws<OverflowException>(() => MrrMovements.Between(huge, huge, [], path));
    }

    [Fact]
    public void Best_path_is_the_widest_accelerated_one()
    {
        VectorPath best = VectorPaths.Best;
        Assert.Equal(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, best == VectorPath.Vector512);
    }
}
