using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

/// <summary>Rating-scale entries for the block-checked CES/CSAT kernel: mostly clean data, with a few bad ratings or ids.</summary>
public sealed record PointEntries(byte[] Ratings, int[] GroupIds, int Groups, int Points, int ForkLength)
{
    public override string ToString() =>
        $"{Ratings.Length} ratings on 1..{Points} in {Groups} groups, fork {ForkLength}: [{string.Join(",", Ratings.Zip(GroupIds).Take(30).Select(p => $"{p.First}@{p.Second}"))}{(Ratings.Length > 30 ? ",…" : "")}]";
}

public static class GroupedPointsArbitraries
{
    private const int Block = 4096;

    /// <summary>
    /// Group counts at every boundary of the rating-scale kernel (pair keys up to 128 keys; 16-bit keys into one or two
    /// 32-bit tables up to 32,768 slots, 2,978 × 11 and 4,096 × 8 just below; 8-bit counters above; byte and ushort id
    /// limits), scales of 2 to 11 points, lengths around whole blocks
    /// of 4,096 and the forced fork, and bad ratings (none, rare, frequent) in random places.
    /// </summary>
    internal static Arbitrary<PointEntries> Entries(bool badIds) =>
        Gen.Elements(1, 16, 17, 255, 256, 1000, 2978, 4096, 65_536)
            .SelectMany(groups => Gen.Elements(2, 5, 7, 10, 11).SelectMany(points =>
                Gen.OneOf(Gen.Constant(0), Gen.Choose(1, 5000)).SelectMany(fork =>
                    Gen.OneOf(
                            Gen.Choose(0, 3),
                            Gen.Choose(1, 3).SelectMany(k => Gen.Choose((k * Block) - 3, (k * Block) + 3)),
                            Gen.Choose(Math.Max(0, fork - 2), fork + 2),
                            Gen.Choose(0, 20_000))
                        .SelectMany(length => Gen.Elements(0, 0, 1, 30).SelectMany(badPerMille => Gen.ArrayOf(
                                (badPerMille == 0
                                    ? Gen.Choose(1, points)
                                    : Gen.Frequency(
                                        (1000 - badPerMille, Gen.Choose(1, points)),
                                        (badPerMille, Gen.OneOf(Gen.Constant(0), Gen.Choose(points + 1, 255))))).Select(v => (byte)v),
                                length)
                            .SelectMany(ratings => Gen.Frequency(
                                    (3, Gen.ArrayOf(Gen.Choose(0, groups - 1), length)),
                                    (1, Gen.ArrayOf(Gen.Choose(0, Math.Min(groups, 3) - 1), length)), // a few busy groups
                                    (1, Gen.Constant(Enumerable.Range(0, length).Select(i => (int)((long)i * groups / Math.Max(1, length))).ToArray()))) // sorted segments
                                .SelectMany(ids => badIds
                                    ? Gen.Choose(0, Math.Max(0, length - 1)).SelectMany(at => Gen.Elements(groups, groups + 7, -1).Select(bad =>
                                    {
                                        int[] copy = (int[])ids.Clone();
                                        if (length > 0)
                                        {
                                            copy[at] = bad;
                                        }

                                        return copy;
                                    }))
                                    : Gen.Constant(ids))
                                .Select(ids => new PointEntries(ratings, ids, groups, points, fork))))))))
            .ToArbitrary();

    public static Arbitrary<PointEntries> CleanIds() => Entries(badIds: false);
}

public static class GroupedPointsBadIdArbitraries
{
    public static Arbitrary<PointEntries> BadIds() => GroupedPointsArbitraries.Entries(badIds: true);
}

/// <summary>
/// The block-checked CES/CSAT kernel (pair keys, 32-bit and 8-bit counter tables, checked fallback for bad blocks and
/// tails, both cores) against per-group filtering through the ungrouped calculator (its scalar path), on every vector
/// path and id width; strict calls name the first bad rating, and every call the first bad group id.
/// </summary>
[Trait("Category", "Kernel")]
public class GroupedPointsTests
{
    private static readonly VectorPath[] AllPaths = Enum.GetValues<VectorPath>();

    [Property(Arbitrary = [typeof(GroupedPointsArbitraries)], MaxTest = 80)]
    public void Grouped_csat_and_ces_equal_per_group_filtering_through_the_ungrouped_calculator(PointEntries entries)
    {
        byte[][] filtered = Filter(entries);
        CsatResult[] expectedCsat = filtered.Select(r => Csat.Calculate(r, entries.Points, 1, lenient: true, VectorPath.Scalar)).ToArray();
        CesScale? cesScale = entries.Points switch { 5 => CesScale.FivePointEffort, 7 => CesScale.SevenPointAgreement, _ => null };
        CesResult[]? expectedCes = cesScale is { } s ? filtered.Select(r => Ces.Calculate(r, s, lenient: true, VectorPath.Scalar)).ToArray() : null;
        ushort[]? ushortIds = entries.Groups <= 65_536 ? entries.GroupIds.Select(g => (ushort)g).ToArray() : null;
        byte[]? byteIds = entries.Groups <= 256 ? entries.GroupIds.Select(g => (byte)g).ToArray() : null;
        var csat = new CsatResult[entries.Groups];
        var ces = new CesResult[entries.Groups];
        foreach (VectorPath path in AllPaths)
        {
            Csat.Grouped<int>(entries.Ratings, entries.GroupIds, csat, entries.Points, 1, lenient: true, path, entries.ForkLength);
            Assert.Equal(expectedCsat, csat);
            if (ushortIds is not null)
            {
                Csat.Grouped<ushort>(entries.Ratings, ushortIds, csat, entries.Points, 1, lenient: true, path, entries.ForkLength);
                Assert.Equal(expectedCsat, csat);
            }

            if (byteIds is not null)
            {
                Csat.Grouped<byte>(entries.Ratings, byteIds, csat, entries.Points, 1, lenient: true, path, entries.ForkLength);
                Assert.Equal(expectedCsat, csat);
            }

            if (cesScale is { } scale)
            {
                Ces.Grouped<int>(entries.Ratings, entries.GroupIds, scale, ces, lenient: true, path, entries.ForkLength);
                Assert.Equal(expectedCes, ces);
                if (byteIds is not null)
                {
                    Ces.Grouped<byte>(entries.Ratings, byteIds, scale, ces, lenient: true, path, entries.ForkLength);
                    Assert.Equal(expectedCes, ces);
                }
                else if (ushortIds is not null)
                {
                    Ces.Grouped<ushort>(entries.Ratings, ushortIds, scale, ces, lenient: true, path, entries.ForkLength);
                    Assert.Equal(expectedCes, ces);
                }
            }
        }

        // A strict call gives the same counts on clean data, and otherwise names the first off-scale rating.
        int firstBad = entries.Ratings.AsSpan().IndexOfAnyExceptInRange((byte)1, (byte)entries.Points);
        foreach (VectorPath path in AllPaths)
        {
            if (firstBad < 0)
            {
                Csat.Grouped<int>(entries.Ratings, entries.GroupIds, csat, entries.Points, 1, lenient: false, path, entries.ForkLength);
                Assert.Equal(expectedCsat, csat);
            }
            else
            {
                var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                    Csat.Grouped<int>(entries.Ratings, entries.GroupIds, csat, entries.Points, 1, lenient: false, path, entries.ForkLength));
                Assert.Contains($"ratings[{firstBad}] is {entries.Ratings[firstBad]}", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Property(Arbitrary = [typeof(GroupedPointsBadIdArbitraries)], MaxTest = 60)]
    public void A_bad_group_id_anywhere_is_named_by_its_index_in_the_whole_input(PointEntries entries)
    {
        int first = Array.FindIndex(entries.GroupIds, g => g < 0 || g >= entries.Groups);
        if (first < 0)
        {
            return; // an empty input has no id to spoil
        }

        string expected = $"groupIds[{first}] is {entries.GroupIds[first]}";
        var csat = new CsatResult[entries.Groups];
        foreach (VectorPath path in AllPaths)
        {
            foreach (bool lenient in new[] { true, false })
            {
                var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                    Csat.Grouped<int>(entries.Ratings, entries.GroupIds, csat, entries.Points, 1, lenient, path, entries.ForkLength));
                Assert.Contains(expected, e.Message, StringComparison.Ordinal);
            }

            if (entries.Groups <= 256)
            {
                // As bytes, -1 reads 255 and groups + 7 may wrap into range; the first id still out of range is named.
                byte[] byteIds = entries.GroupIds.Select(g => (byte)g).ToArray();
                int firstByte = Array.FindIndex(byteIds, g => g >= entries.Groups);
                if (firstByte >= 0)
                {
                    var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
                        Csat.Grouped<byte>(entries.Ratings, byteIds, csat, entries.Points, 1, lenient: true, path, entries.ForkLength));
                    Assert.Contains($"groupIds[{firstByte}] is {byteIds[firstByte]}", e.Message, StringComparison.Ordinal);
                }
            }
        }
    }

    [Theory]
    [InlineData(65_536, 5, 0)]
    [InlineData(65_536, 7, 0)]
    [InlineData(65_536, 7, 100_000)]
    [InlineData(16, 5, 0)]
    [InlineData(16, 5, 50_000)]
    [InlineData(1000, 10, 0)]
    [InlineData(1000, 5, 0)]
    [InlineData(1000, 5, 100_000)]
    [InlineData(819, 5, 0)]
    [InlineData(820, 5, 0)]
    [InlineData(200, 2, 0)]
    [InlineData(4096, 7, 0)]
    public void Counters_that_wrap_carry_every_count(int groups, int points, int forkLength)
    {
        // One group and rating receives 200,000 responses (an 8-bit counter wraps 781 times, a pair counter counts
        // 100,000; a 16-bit cell would overflow 3 times), interleaved with every other group and rating, an off-scale
        // rating in a late block. 16-bit keys: 819 × 5 + 1 = 4,096 counters (two tables) against 820 × 5 + 1 (one);
        // 4,096 × (7 + 1) = 32,768 slots is the largest keyed table.
        int n = 400_000;
        byte[] ratings = new byte[n];
        ushort[] ids = new ushort[n];
        for (int i = 0; i < n; i++)
        {
            bool busy = i % 2 == 0;
            ratings[i] = busy ? (byte)points : (byte)(1 + ((i / 2) % points));
            ids[i] = busy ? (ushort)(groups - 1) : (ushort)((i / 2) % groups);
        }

        ratings[300_001] = 0;
        long[,] expected = new long[groups, points + 1];
        for (int i = 0; i < n; i++)
        {
            int rating = ratings[i];
            expected[ids[i], rating >= 1 && rating <= points ? rating : 0]++;
        }

        byte[]? byteIds = groups <= 256 ? ids.Select(g => (byte)g).ToArray() : null;
        var destination = new CsatResult[groups];
        foreach (VectorPath path in AllPaths)
        {
            if (byteIds is not null)
            {
                Csat.Grouped<byte>(ratings, byteIds, destination, points, 1, lenient: true, path, forkLength);
            }
            else
            {
                Csat.Grouped<ushort>(ratings, ids, destination, points, 1, lenient: true, path, forkLength);
            }

            for (int g = 0; g < groups; g++)
            {
                long[] counts = Enumerable.Range(1, points).Select(r => expected[g, r]).ToArray();
                Assert.Equal(new CsatResult(points, 1, counts, expected[g, 0]), destination[g]);
            }
        }
    }

    private static byte[][] Filter(PointEntries entries)
    {
        ILookup<int, byte> lookup = entries.Ratings.Zip(entries.GroupIds).ToLookup(p => p.Second, p => p.First);
        return Enumerable.Range(0, entries.Groups).Select(g => lookup[g].ToArray()).ToArray();
    }
}
