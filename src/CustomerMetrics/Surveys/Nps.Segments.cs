using CustomerMetrics.Internal;
using MathNet.Numerics;

namespace CustomerMetrics.Surveys;

/// <summary>Comparing NPS across segments.</summary>
public static partial class Nps
{
    /// <summary>
    /// Compares segments: every pairwise difference (z test of Rocks 2016, as <see cref="Compare"/>) with Holm (1979)
    /// and Bonferroni adjusted p-values over the segments × (segments − 1) / 2 pairs, and Pearson's chi-square test of
    /// homogeneity on the segments × {promoter, passive, detractor} counts (see <see cref="NpsHomogeneityTest"/> for
    /// exactly what it tests).
    /// </summary>
    /// <param name="segments">One result per segment, at least two, each with at least one response (for example the
    /// destination of a grouped <see cref="Calculate(ReadOnlySpan{byte}, ReadOnlySpan{int}, Span{NpsResult})"/>).</param>
    /// <returns>The pairs and the homogeneity test.</returns>
    /// <exception cref="ArgumentException">Fewer than two segments, or a segment has no responses (the message names it).</exception>
    public static NpsSegmentComparison CompareSegments(ReadOnlySpan<NpsResult> segments)
    {
        int g = segments.Length;
        if (g < 2)
        {
            ThrowHelper.Argument(nameof(segments), "Comparing segments needs at least two.");
        }

        for (int i = 0; i < g; i++)
        {
            if (segments[i].Count == 0)
            {
                ThrowHelper.Argument(nameof(segments), $"segments[{i}] has no responses; every segment compared needs at least one.");
            }
        }

        int m = g * (g - 1) / 2;
        var comparisons = new NpsComparison[m];
        var firsts = new int[m];
        var seconds = new int[m];
        int k = 0;
        for (int i = 0; i < g; i++)
        {
            for (int j = i + 1; j < g; j++, k++)
            {
                comparisons[k] = Compare(segments[i], segments[j]);
                firsts[k] = i;
                seconds[k] = j;
            }
        }

        double[] holm = Holm(comparisons.Select(c => c.PValue).ToArray());
        var pairs = new NpsPairwiseDifference[m];
        for (k = 0; k < m; k++)
        {
            double p = comparisons[k].PValue;
            pairs[k] = new NpsPairwiseDifference(firsts[k], seconds[k], comparisons[k], holm[k], double.IsNaN(p) ? p : Math.Min(1, m * p));
        }

        return new NpsSegmentComparison(g, pairs, Homogeneity(segments));
    }

    /// <summary>Holm's step-down adjustment: sorted p₍₁₎ ≤ … ≤ p₍ₘ₎ become max over j ≤ i of min(1, (m − j + 1) p₍ⱼ₎). NaN p-values stay NaN and do not count in m.</summary>
    internal static double[] Holm(double[] pValues)
    {
        int[] order = Enumerable.Range(0, pValues.Length).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToArray();
        double[] adjusted = pValues.Select(p => double.NaN).ToArray();
        int m = order.Length;
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = running;
        }

        return adjusted;
    }

    private static NpsHomogeneityTest Homogeneity(ReadOnlySpan<NpsResult> segments)
    {
        double promoters = 0, passives = 0, detractors = 0, total = 0;
        foreach (NpsResult s in segments)
        {
            promoters += s.Promoters;
            passives += s.Passives;
            detractors += s.Detractors;
            total += s.Count;
        }

        int categories = (promoters > 0 ? 1 : 0) + (passives > 0 ? 1 : 0) + (detractors > 0 ? 1 : 0);
        int df = (segments.Length - 1) * (categories - 1);
        if (df == 0)
        {
            return new NpsHomogeneityTest(double.NaN, 0, double.NaN);
        }

        double chiSquare = 0;
        foreach (NpsResult s in segments)
        {
            chiSquare += Cell(s.Promoters, s.Count * promoters / total) + Cell(s.Passives, s.Count * passives / total) + Cell(s.Detractors, s.Count * detractors / total);
        }

        return new NpsHomogeneityTest(chiSquare, df, SpecialFunctions.GammaUpperRegularized(df / 2.0, chiSquare / 2));

        static double Cell(long observed, double expected) => expected > 0 ? (observed - expected) * (observed - expected) / expected : 0;
    }
}
