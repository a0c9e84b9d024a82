using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

public static class GroupedForkArbitraries
{
    /// <summary>
    /// Group counts at every kernel boundary (vector lanes up to 16, two packed tables up to 16,384, one above; byte and
    /// ushort id limits) with a forced fork length, and lengths around it (0, 1, just below, at and above the fork).
    /// </summary>
    public static Arbitrary<(GroupedEntries Entries, int ForkLength)> ForkedEntries() =>
        Gen.Elements(1, 2, 16, 17, 255, 256, 16_384, 16_385, 65_536)
            .SelectMany(groups => Gen.Choose(1, 3000).SelectMany(fork =>
                Gen.OneOf(Gen.Choose(0, 2), Gen.Choose(fork - 2, fork + 2), Gen.Choose(fork, 3 * fork), Gen.Choose(0, 8000))
                    .Select(length => Math.Max(0, length))
                    .SelectMany(length => Gen.ArrayOf(
                            Gen.Frequency((40, Gen.Choose(0, 10)), (1, Gen.Choose(11, 255))).Select(v => (byte)v), length)
                        .SelectMany(values => Gen.Frequency(
                                (3, Gen.ArrayOf(Gen.Choose(0, groups - 1), length)),
                                (1, Gen.ArrayOf(Gen.Choose(0, Math.Min(groups, 3) - 1), length))) // a few busy groups
                            .Select(ids => (new GroupedEntries(values, ids, groups), fork))))))
            .ToArbitrary();
}

/// <summary>
/// The grouped kernels on both cores (the fork forced by a short fork length) and the packed NPS counters' flush,
/// against per-group filtering through the plain scalar reference; bad group ids named with their index in the whole
/// input whichever half holds them.
/// </summary>
[Trait("Category", "Kernel")]
public class GroupedForkTests
{
    private static readonly VectorPath[] AllPaths = Enum.GetValues<VectorPath>();

    [Property(Arbitrary = [typeof(GroupedForkArbitraries)], MaxTest = 60)]
    public void Forked_grouped_nps_ces_and_csat_equal_per_group_filtering((GroupedEntries Entries, int ForkLength) input)
    {
        (GroupedEntries entries, int fork) = input;
        byte[][] filtered = Filter(entries);
        NpsResult[] expected = filtered.Select(ReferenceNps).ToArray();
        ushort[]? ushortIds = entries.Groups <= 65_536 ? entries.GroupIds.Select(g => (ushort)g).ToArray() : null;
        byte[]? byteIds = entries.Groups <= 256 ? entries.GroupIds.Select(g => (byte)g).ToArray() : null;
        foreach (VectorPath path in AllPaths)
        {
            var destination = new NpsResult[entries.Groups];
            Nps.Grouped<int>(entries.Values, entries.GroupIds, destination, lenient: true, path, fork);
            Assert.Equal(expected, destination);
            if (ushortIds is not null)
            {
                Nps.Grouped<ushort>(entries.Values, ushortIds, destination, lenient: true, path, fork);
                Assert.Equal(expected, destination);
            }

            if (byteIds is not null)
            {
                Nps.Grouped<byte>(entries.Values, byteIds, destination, lenient: true, path, fork);
                Assert.Equal(expected, destination);
            }
        }

        var csat = new CsatResult[entries.Groups];
        Csat.Grouped<int>(entries.Values, entries.GroupIds, csat, 10, 3, lenient: true, VectorPath.Auto, fork);
        var ces = new CesResult[entries.Groups];
        Ces.Grouped<int>(entries.Values, entries.GroupIds, CesScale.SevenPointAgreement, ces, lenient: true, VectorPath.Auto, fork);
        for (int g = 0; g < entries.Groups; g++)
        {
            long[] s = SurveyReference.Points(filtered[g], 10);
            Assert.Equal(new CsatResult(10, 3, s, filtered[g].Length - s.Sum()), csat[g]);
            long[] c = SurveyReference.Points(filtered[g], 7);
            Assert.Equal(new CesResult(CesScale.SevenPointAgreement, c, filtered[g].Length - c.Sum()), ces[g]);
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(17, 0)]
    [InlineData(17, 1000)]
    [InlineData(65_536, 0)]
    [InlineData(65_536, 1_000_000)]
    public void Packed_counters_flush_before_a_field_overflows(int groups, int forkLength)
    {
        // One group receives more than 2^21 responses of each category in one call (so every 21-bit field would
        // overflow without its flush); a second group a few, with an invalid score near the flush boundary.
        int n = (3 << 21) + 11;
        byte[] pattern = [10, 8, 3];
        byte[] scores = new byte[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = pattern[i % 3];
        }

        int busy = groups - 1, quiet = groups > 1 ? 0 : busy;
        ushort[] ids = new ushort[n];
        Array.Fill(ids, (ushort)busy);
        int[] quietAt = [5, (1 << 21) - 1, 1 << 21, n - 1];
        foreach (int i in quietAt)
        {
            ids[i] = (ushort)quiet;
        }

        scores[(1 << 21) + 1] = 200; // one invalid score in the second flush block

        // The expected counts by position: scores repeat 10, 8, 3, with the listed exceptions.
        long[,] expected = new long[groups, 4];
        for (int i = 0; i < n; i++)
        {
            int slot = scores[i] > 10 ? 3 : scores[i] >= 9 ? 2 : scores[i] >= 7 ? 1 : 0;
            expected[ids[i], slot]++;
        }

        Assert.True(expected[busy, 2] > (1 << 21) && expected[busy, 1] > (1 << 21) && expected[busy, 0] > (1 << 21));
        foreach (VectorPath path in new[] { VectorPath.Auto, VectorPath.Scalar })
        {
            var destination = new NpsResult[groups];
            Nps.Grouped<ushort>(scores, ids, destination, lenient: true, path, forkLength);
            for (int g = 0; g < groups; g++)
            {
                Assert.Equal(new NpsResult(expected[g, 2], expected[g, 1], expected[g, 0], expected[g, 3]), destination[g]);
            }
        }
    }

    [Theory]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(65_536)]
    public void Long_runs_in_sorted_segments_match_the_reference_on_both_cores(int groups)
    {
        // Responses sorted by segment (a common export order): long runs of one group hit the same packed counter
        // on every step.
        int n = 600_001;
        var random = new Random(groups);
        byte[] scores = new byte[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = (byte)random.Next(0, 11);
            ids[i] = (int)((long)i * groups / n);
        }

        var entries = new GroupedEntries(scores, ids, groups);
        NpsResult[] expected = Filter(entries).Select(ReferenceNps).ToArray();
        foreach (int fork in new[] { 0, 1000, 600_001 })
        {
            var destination = new NpsResult[groups];
            Nps.Grouped<int>(scores, ids, destination, lenient: false, VectorPath.Auto, fork);
            Assert.Equal(expected, destination);
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(70_000)]
    public void A_bad_group_id_is_named_by_its_index_in_the_whole_input_whichever_half_holds_it(int groups)
    {
        int n = 10_000;
        byte[] scores = new byte[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = (byte)(i % 11);
            ids[i] = i % groups;
        }

        foreach (int fork in new[] { 0, 100, 5000 })
        {
            // Only in the right half: the index is the absolute one, not the half's own.
            int[] right = (int[])ids.Clone();
            right[9_001] = groups;
            AssertNamed(right, fork, $"groupIds[9001] is {groups}");

            // In both halves (and in later blocks of each): the lowest index wins.
            int[] both = (int[])ids.Clone();
            both[7_777] = -3;
            both[9_999] = groups + 5;
            both[1_234] = groups + 1;
            both[3_000] = -1;
            AssertNamed(both, fork, $"groupIds[1234] is {groups + 1}");
        }

        void AssertNamed(int[] badIds, int fork, string expected)
        {
            foreach (VectorPath path in AllPaths)
            {
                var destination = new NpsResult[groups];
                var e = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Grouped<int>(scores, badIds, destination, lenient: true, path, fork));
                Assert.Contains(expected, e.Message, StringComparison.Ordinal);
                if (groups <= 256)
                {
                    byte[] byteIds = badIds.Select(g => (byte)g).ToArray(); // -1 and -3 wrap to 255 and 253, still bad
                    e = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Grouped<byte>(scores, byteIds, destination, lenient: true, path, fork));
                    Assert.Contains(expected.Split(" is ")[0] + " is ", e.Message, StringComparison.Ordinal);
                }
            }

            var csat = new CsatResult[groups];
            var c = Assert.Throws<ArgumentOutOfRangeException>(() => Csat.Grouped<int>(scores, badIds, csat, 10, 3, lenient: true, VectorPath.Auto, fork));
            Assert.Contains(expected, c.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_strict_call_on_both_cores_names_the_first_invalid_score()
    {
        int n = 50_000;
        byte[] scores = new byte[n];
        ushort[] ids = new ushort[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = (byte)(i % 11);
            ids[i] = (ushort)(i % 300);
        }

        scores[40_000] = 12;
        scores[30_000] = 11;
        var destination = new NpsResult[300];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Grouped<ushort>(scores, ids, destination, lenient: false, VectorPath.Auto, 1000));
        Assert.Contains("scores[30000] is 11", e.Message, StringComparison.Ordinal);
    }

    private static NpsResult ReferenceNps(byte[] scores)
    {
        var r = SurveyReference.Nps(scores.Select(v => (int)v));
        return new NpsResult(r.Promoters, r.Passives, r.Detractors, r.Invalid);
    }

    private static byte[][] Filter(GroupedEntries entries)
    {
        ILookup<int, byte> lookup = entries.Values.Zip(entries.GroupIds).ToLookup(p => p.Second, p => p.First);
        return Enumerable.Range(0, entries.Groups).Select(g => lookup[g].ToArray()).ToArray();
    }
}
