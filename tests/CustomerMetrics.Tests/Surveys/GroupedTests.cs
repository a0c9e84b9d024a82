using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

/// <summary>Responses with a group id each, and the number of groups (ids 0..Groups−1).</summary>
public sealed record GroupedEntries(byte[] Values, int[] GroupIds, int Groups)
{
    public override string ToString() =>
        $"{Values.Length} entries in {Groups} groups: [{string.Join(",", Values.Zip(GroupIds).Take(30).Select(p => $"{p.First}@{p.Second}"))}{(Values.Length > 30 ? ",…" : "")}]";
}

public static class GroupedArbitraries
{
    /// <summary>Group counts that hit every kernel: the vector-lane path (1–16), four tables and one table.</summary>
    public static Arbitrary<GroupedEntries> GroupedEntries() =>
        Gen.Elements(1, 2, 3, 4, 5, 7, 8, 13, 16, 17, 40, 255, 1000, 70_000)
            .SelectMany(groups => Gen.Frequency((3, Gen.Choose(0, 300)), (1, Gen.Choose(0, 20_000)))
                .SelectMany(length => Gen.ArrayOf(
                        Gen.Frequency((60, Gen.Choose(0, 11)), (1, Gen.Choose(0, 255))).Select(v => (byte)v), length)
                    .SelectMany(values => Gen.ArrayOf(Gen.Choose(0, groups - 1), length)
                        .Select(ids => new GroupedEntries(values, ids, groups)))))
            .ToArbitrary();
}

/// <summary>
/// Grouped NPS, CES and CSAT against the oracle of the definition: filter the responses of each group and count them
/// with the plain scalar reference. Every vector path is forced, and every group-id width is used.
/// </summary>
[Trait("Category", "Kernel")]
public class GroupedTests
{
    private static readonly VectorPath[] AllPaths = Enum.GetValues<VectorPath>();

    [Property(Arbitrary = [typeof(GroupedArbitraries)], MaxTest = 80)]
    public void Grouped_nps_equals_per_group_filtering_on_every_path_and_id_width(GroupedEntries entries)
    {
        NpsResult[] expected = ExpectedNps(entries);
        foreach (VectorPath path in AllPaths)
        {
            var destination = new NpsResult[entries.Groups];
            Nps.Grouped<int>(entries.Values, entries.GroupIds, destination, lenient: true, path);
            Assert.Equal(expected, destination);
            Array.Fill(destination, NpsResult.FromCounts(9, 9, 9)); // overwritten, not added to
            if (entries.Groups <= 65_536)
            {
                Nps.Grouped<ushort>(entries.Values, entries.GroupIds.Select(g => (ushort)g).ToArray(), destination, lenient: true, path);
                Assert.Equal(expected, destination);
            }

            if (entries.Groups <= 256)
            {
                Nps.Grouped<byte>(entries.Values, entries.GroupIds.Select(g => (byte)g).ToArray(), destination, lenient: true, path);
                Assert.Equal(expected, destination);
            }
        }
    }

    [Property(Arbitrary = [typeof(GroupedArbitraries)], MaxTest = 60)]
    public void Grouped_ces_and_csat_equal_per_group_filtering(GroupedEntries entries)
    {
        foreach (VectorPath path in new[] { VectorPath.Auto, VectorPath.Scalar })
        {
            var ces = new CesResult[entries.Groups];
            Ces.Grouped<int>(entries.Values, entries.GroupIds, CesScale.SevenPointAgreement, ces, lenient: true, path);
            var csat = new CsatResult[entries.Groups];
            Csat.Grouped<int>(entries.Values, entries.GroupIds, csat, 10, 3, lenient: true, path);
            byte[][] filtered = Filter(entries);
            for (int g = 0; g < entries.Groups; g++)
            {
                byte[] mine = filtered[g];
                long[] c = SurveyReference.Points(mine, 7);
                Assert.Equal(new CesResult(CesScale.SevenPointAgreement, c, mine.Length - c.Sum()), ces[g]);
                long[] s = SurveyReference.Points(mine, 10);
                Assert.Equal(new CsatResult(10, 3, s, mine.Length - s.Sum()), csat[g]);
            }
        }
    }

    [Property(Arbitrary = [typeof(GroupedArbitraries)], MaxTest = 100)]
    public void Grouped_results_merge_to_the_ungrouped_result(GroupedEntries entries)
    {
        var destination = new NpsResult[entries.Groups];
        Nps.CalculateLenient(entries.Values, entries.GroupIds, destination);
        Assert.Equal(Nps.CalculateLenient(entries.Values), destination.Aggregate(NpsResult.Empty, NpsResult.Add));

        var csat = new CsatResult[entries.Groups];
        Csat.CalculateLenient(entries.Values, entries.GroupIds, csat, 5);
        Assert.Equal(Csat.CalculateLenient(entries.Values, 5), csat.Aggregate(default(CsatResult), CsatResult.Add));
    }

    [Property(Arbitrary = [typeof(GroupedArbitraries)], MaxTest = 60)]
    public void Partitions_merge_per_group_to_the_whole(GroupedEntries entries, PositiveInt cut)
    {
        int at = entries.Values.Length == 0 ? 0 : cut.Get % (entries.Values.Length + 1);
        var whole = new NpsResult[entries.Groups];
        var left = new NpsResult[entries.Groups];
        var right = new NpsResult[entries.Groups];
        Nps.CalculateLenient(entries.Values, entries.GroupIds, whole);
        Nps.CalculateLenient(entries.Values.AsSpan(0, at), entries.GroupIds.AsSpan(0, at), left);
        Nps.CalculateLenient(entries.Values.AsSpan(at), entries.GroupIds.AsSpan(at), right);
        Assert.Equal(whole, left.Zip(right, (a, b) => a + b).ToArray());
    }

    [Fact]
    public void Strict_grouped_calculations_throw_at_the_first_invalid_score_or_group()
    {
        byte[] scores = [10, 3, 7, 12, 9];
        int[] groups = [0, 1, 1, 0, 1];
        var destination = new NpsResult[2];
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(scores, groups, destination));
        Assert.Contains("scores[3] is 12", exception.Message, StringComparison.Ordinal);

        int[] badGroups = [0, 1, -1, 2, 1];
        exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateLenient(scores, badGroups, destination));
        Assert.Contains("groupIds[2] is -1", exception.Message, StringComparison.Ordinal);
        byte[] byteGroups = [0, 1, 1, 2, 1];
        exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.CalculateLenient(scores, byteGroups, destination));
        Assert.Contains("groupIds[3] is 2; valid values are 0 to 1", exception.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => Nps.Calculate(scores, new int[4], destination));
        var ces = new CesResult[2];
        exception = Assert.Throws<ArgumentOutOfRangeException>(() => Ces.Calculate([1, 5, 0], new byte[3], CesScale.FivePointEffort, ces));
        Assert.Contains("ratings[2] is 0", exception.Message, StringComparison.Ordinal);
        Ces.Calculate([1, 5, 3], new byte[] { 0, 0, 1 }, CesScale.FivePointEffort, ces);
        Assert.Equal(new CesResult(CesScale.FivePointEffort, [1, 0, 0, 0, 1]), ces[0]);
        Assert.Equal(new CesResult(CesScale.FivePointEffort, [0, 0, 1, 0, 0]), ces[1]);
    }

    [Theory]
    [InlineData(10, 16)]
    [InlineData(0, 16)]
    [InlineData(10, 5)]
    [InlineData(0, 1)]
    public void Long_runs_of_one_category_in_one_group_fill_every_counter_to_its_limit(byte score, int groups)
    {
        // 40,000 identical responses of one group (every lane of the nibble counters reaches 15 before each read-out,
        // every byte counter 255 before each block ends), then mixed ones; checked against per-group filtering.
        int n = 100_003;
        byte[] values = new byte[n];
        int[] ids = new int[n];
        var random = new Random(score + groups);
        for (int i = 0; i < n; i++)
        {
            values[i] = i < 40_000 ? score : (byte)random.Next(0, 11);
            ids[i] = i < 40_000 ? groups - 1 : random.Next(groups);
        }

        var entries = new GroupedEntries(values, ids, groups);
        NpsResult[] expected = ExpectedNps(entries);
        foreach (VectorPath path in AllPaths)
        {
            var destination = new NpsResult[groups];
            Nps.Grouped<byte>(values, ids.Select(g => (byte)g).ToArray(), destination, lenient: false, path);
            Assert.Equal(expected, destination);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(1000)]
    [InlineData(65_536)]
    public void Long_inputs_with_many_flushes_and_bad_blocks_match_the_reference(int groups)
    {
        var random = new Random(groups);
        int n = 700_001;
        byte[] values = new byte[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (byte)random.Next(0, 11);
            ids[i] = i < 200_000 ? 0 : random.Next(groups); // a long run of one group: every lane counts on every step
        }

        values[500_000] = 99; // one invalid score in one block
        var entries = new GroupedEntries(values, ids, groups);
        NpsResult[] expected = ExpectedNps(entries);
        foreach (VectorPath path in AllPaths)
        {
            var destination = new NpsResult[groups];
            Nps.Grouped<int>(values, ids, destination, lenient: true, path);
            Assert.Equal(expected, destination);
            if (groups <= 256)
            {
                Nps.Grouped<byte>(values, ids.Select(g => (byte)g).ToArray(), destination, lenient: true, path);
                Assert.Equal(expected, destination);
            }
        }
    }

    [Fact]
    public void Empty_input_gives_empty_results_and_empty_destination_accepts_empty_input()
    {
        var destination = new NpsResult[3];
        Array.Fill(destination, NpsResult.FromCounts(1, 1, 1));
        Nps.Calculate(ReadOnlySpan<byte>.Empty, ReadOnlySpan<int>.Empty, destination);
        Assert.All(destination, r => Assert.Equal(NpsResult.Empty, r));
        Assert.True(double.IsNaN(destination[0].Score));
        Nps.Calculate(ReadOnlySpan<byte>.Empty, ReadOnlySpan<int>.Empty, Span<NpsResult>.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate([5], [0], Span<NpsResult>.Empty));
    }

    private static NpsResult[] ExpectedNps(GroupedEntries entries)
    {
        byte[][] filtered = Filter(entries);
        return filtered.Select(scores =>
        {
            var r = SurveyReference.Nps(scores.Select(v => (int)v));
            return new NpsResult(r.Promoters, r.Passives, r.Detractors, r.Invalid);
        }).ToArray();
    }

    /// <summary>The responses of each group, in order (a lookup, so that many groups stay cheap).</summary>
    private static byte[][] Filter(GroupedEntries entries)
    {
        ILookup<int, byte> lookup = entries.Values.Zip(entries.GroupIds).ToLookup(p => p.Second, p => p.First);
        return Enumerable.Range(0, entries.Groups).Select(g => lookup[g].ToArray()).ToArray();
    }
}
