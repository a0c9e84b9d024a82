using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Tests.Subscriptions;

/// <summary>
/// The double MRR path forks the top of its pairwise tree onto other cores for long inputs. These tests force forks at
/// every node (fork length = one leaf) and compare with the same call that never forks, and with the scalar reference.
/// </summary>
public class MrrParallelTests
{
    private const int Always = MrrMovements.LeafLength;
    private const int Never = int.MaxValue;

    /// <summary>Amounts with full 53-bit mantissas, so that any change in the order of the additions shows in the bits.</summary>
    private static (double[] Previous, double[] Current, bool[] Was) Rough(int seed, int length)
    {
        var random = new Random(seed);
        var previous = new double[length];
        var current = new double[length];
        var was = new bool[length];
        for (int i = 0; i < length; i++)
        {
            previous[i] = random.Next(4) == 0 ? 0 : random.NextDouble() * 1000;
            current[i] = random.Next(5) switch
            {
                0 => 0,
                1 => previous[i],
                _ => random.NextDouble() * 1000,
            };
            was[i] = random.Next(3) == 0;
        }

        return (previous, current, was);
    }

    [FsCheck.Xunit.Property(MaxTest = 40)]
    public bool Forking_gives_the_same_bits_as_one_core(int seed, ushort rawLength, bool withFlags)
    {
        int length = rawLength * 3; // up to ~196 k customers: dozens of leaves, several forked levels
        (double[] p, double[] c, bool[] w) = Rough(seed, length);
        ReadOnlySpan<bool> flags = withFlags ? w : [];
        MrrMovements<double> oneCore = MrrMovements.Between(p, c, flags, VectorPaths.Best, Never);
        MrrMovements<double> forked = MrrMovements.Between(p, c, flags, VectorPaths.Best, Always);
        return oneCore == forked
            && BitConverter.DoubleToInt64Bits(oneCore.ExpansionMrr) == BitConverter.DoubleToInt64Bits(forked.ExpansionMrr)
            && BitConverter.DoubleToInt64Bits(oneCore.EndingMrr) == BitConverter.DoubleToInt64Bits(forked.EndingMrr);
    }

    [Fact]
    public void Forked_sums_match_an_exact_reference_computed_in_decimal()
    {
        (double[] p, double[] c, bool[] w) = MrrData.Generate(11, (40 * MrrMovements.LeafLength) + 123);
        MrrMovements<decimal> exact = MrrMovements.Between(MrrData.ToDecimal(p), MrrData.ToDecimal(c), w);
        MrrMovements<double> forked = MrrMovements.Between(p, c, w, VectorPath.Scalar, Always);
        Assert.Equal((double)exact.StartingMrr, forked.StartingMrr);
        Assert.Equal((double)exact.NewMrr, forked.NewMrr);
        Assert.Equal((double)exact.ExpansionMrr, forked.ExpansionMrr);
        Assert.Equal((double)exact.ContractionMrr, forked.ContractionMrr);
        Assert.Equal((double)exact.ChurnedMrr, forked.ChurnedMrr);
        Assert.Equal((double)exact.ReactivationMrr, forked.ReactivationMrr);
        Assert.Equal(exact.Customers, forked.Customers);
        Assert.Equal(exact.ReactivatedCustomers, forked.ReactivatedCustomers);
    }

    [Fact]
    public void A_bad_value_in_a_forked_half_is_reported_with_its_index_and_the_first_one_wins()
    {
        int length = 16 * MrrMovements.LeafLength;
        (double[] p, double[] c, _) = MrrData.Generate(3, length);
        c[length - 5] = -2; // in the last leaf: a half that runs on another thread
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MrrMovements.Between(p, c, [], VectorPaths.Best, Always));
        Assert.Equal("current", e.ParamName);
        Assert.Contains($"current[{length - 5}] is", e.Message, StringComparison.Ordinal);

        p[7] = double.NaN; // a bad value in the first leaf too: a sequential walk meets it first
        e = Assert.Throws<ArgumentOutOfRangeException>(() => MrrMovements.Between(p, c, [], VectorPaths.Best, Always));
        Assert.Equal("previous", e.ParamName);
        Assert.Contains("previous[7] is", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_concurrent_callers_that_all_fork_get_their_own_results()
    {
        const int callers = 16;
        var inputs = Enumerable.Range(0, callers).Select(i => Rough(100 + i, (8 * MrrMovements.LeafLength) + i)).ToArray();
        MrrMovements<double>[] expected = [.. inputs.Select(x => MrrMovements.Between(x.Previous, x.Current, x.Was, VectorPaths.Best, Never))];
        for (int round = 0; round < 5; round++)
        {
            var actual = new MrrMovements<double>[callers];
            Parallel.For(0, callers, i => actual[i] = MrrMovements.Between(inputs[i].Previous, inputs[i].Current, inputs[i].Was, VectorPaths.Best, Always));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void The_public_path_forks_long_inputs_and_agrees_with_one_core()
    {
        (double[] p, double[] c, bool[] w) = Rough(9, (2 * MrrMovements.ForkLength) + 17);
        Assert.Equal(MrrMovements.Between(p, c, w, VectorPaths.Best, Never), MrrMovements.Between(p, c, w));
    }
}
