using CustomerMetrics.Internal.Vectors;
using CustomerMetrics.Surveys;
using FsCheck.Xunit;

namespace CustomerMetrics.Tests.Surveys;

/// <summary>
/// Every vector path (forced, so all run on any machine) against the plain scalar definitions, for every length
/// 0..10,000 and for inputs long enough to flush the byte counters many times. CI runs these again with
/// DOTNET_EnableAVX512F=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0 so that <see cref="VectorPath.Auto"/>
/// dispatches to each narrower path too.
/// </summary>
[Trait("Category", "Kernel")]
public class SurveyKernelTests
{
    public static TheoryData<int> Paths => new(Enum.GetValues<VectorPath>().Select(path => (int)path));

    private static readonly VectorPath[] AllPaths = Enum.GetValues<VectorPath>();

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 150)]
    public void Nps_byte_kernel_matches_the_scalar_definition_on_every_path(Entries entries)
    {
        var expected = SurveyReference.Nps(entries.Values.Select(v => (int)v));
        foreach (VectorPath path in AllPaths)
        {
            NpsTally tally = NpsKernel.Count(entries.Values, path);
            Assert.Equal((expected.Promoters, expected.Detractors, expected.Invalid), (tally.Promoters, tally.Detractors, tally.Invalid));
        }
    }

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 150)]
    public void Nps_int_kernel_matches_the_scalar_definition_on_every_path(Entries entries)
    {
        // Values above 100 become negative so that both sides of 0..10 occur.
        int[] scores = entries.Values.Select(v => v > 100 ? -v : v).ToArray();
        var expected = SurveyReference.Nps(scores);
        foreach (VectorPath path in AllPaths)
        {
            NpsTally tally = NpsKernel.Count(scores, path);
            Assert.Equal((expected.Promoters, expected.Detractors, expected.Invalid), (tally.Promoters, tally.Detractors, tally.Invalid));
        }
    }

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 100)]
    public void Point_kernel_matches_the_scalar_definition_for_every_scale_and_path(Entries entries)
    {
        for (int points = 1; points <= PointKernel.MaxPoints; points++)
        {
            long[] expected = SurveyReference.Points(entries.Values, points);
            foreach (VectorPath path in AllPaths)
            {
                var counts = new long[points];
                PointKernel.Count(entries.Values, counts, path);
                Assert.Equal(expected, counts);
            }
        }
    }

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 100)]
    public void Strict_calculations_throw_at_the_first_invalid_index_or_match_the_reference(Entries entries)
    {
        byte[] values = entries.Values;
        int firstInvalidNps = Array.FindIndex(values, v => v > 10);
        int firstInvalidCsat = Array.FindIndex(values, v => v is < 1 or > 5);
        foreach (VectorPath path in AllPaths)
        {
            if (firstInvalidNps < 0)
            {
                var expected = SurveyReference.Nps(values.Select(v => (int)v));
                Assert.Equal(NpsResult.FromCounts(expected.Promoters, expected.Passives, expected.Detractors), Nps.Calculate(values, path));
            }
            else
            {
                var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Nps.Calculate(values, path));
                Assert.Contains($"scores[{firstInvalidNps}] is {values[firstInvalidNps]}", exception.Message, StringComparison.Ordinal);
            }

            if (firstInvalidCsat < 0)
            {
                Assert.Equal(new CsatResult(5, 2, SurveyReference.Points(values, 5)), Csat.Calculate(values, 5, 2, lenient: false, path));
            }
            else
            {
                var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Csat.Calculate(values, 5, 2, lenient: false, path));
                Assert.Contains($"ratings[{firstInvalidCsat}] is {values[firstInvalidCsat]}", exception.Message, StringComparison.Ordinal);
            }
        }
    }

    [Property(Arbitrary = [typeof(SurveyArbitraries)], MaxTest = 100)]
    public void Public_entry_points_match_the_reference_on_the_dispatched_path(Entries entries)
    {
        var expected = SurveyReference.Nps(entries.Values.Select(v => (int)v));
        Assert.Equal(new NpsResult(expected.Promoters, expected.Passives, expected.Detractors, expected.Invalid), Nps.CalculateLenient(entries.Values));
        long[] ces = SurveyReference.Points(entries.Values, 7);
        Assert.Equal(new CesResult(CesScale.SevenPointAgreement, ces, entries.Values.Length - ces.Sum()), Ces.CalculateLenient(entries.Values, CesScale.SevenPointAgreement));
        long[] csat = SurveyReference.Points(entries.Values, 10);
        Assert.Equal(new CsatResult(10, 3, csat, entries.Values.Length - csat.Sum()), Csat.CalculateLenient(entries.Values, 10));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Counters_flush_before_they_overflow_on_long_inputs(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        // 1,000,003 entries: dozens of flushes of every counter width, and an odd tail.
        var random = new Random(20261124);
        byte[] values = new byte[1_000_003];
        random.NextBytes(values);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (byte)(values[i] % 12);
        }

        Array.Fill(values, (byte)10, 0, 300_000); // a long run of one value: every lane counts on every step

        var expected = SurveyReference.Nps(values.Select(v => (int)v));
        NpsTally tally = NpsKernel.Count(values, path);
        Assert.Equal((expected.Promoters, expected.Detractors, expected.Invalid), (tally.Promoters, tally.Detractors, tally.Invalid));

        int[] scores = values.Select(v => (int)v).ToArray();
        tally = NpsKernel.Count(scores, path);
        Assert.Equal((expected.Promoters, expected.Detractors, expected.Invalid), (tally.Promoters, tally.Detractors, tally.Invalid));

        var counts = new long[10];
        PointKernel.Count(values, counts, path);
        Assert.Equal(SurveyReference.Points(values, 10), counts);
    }
}
