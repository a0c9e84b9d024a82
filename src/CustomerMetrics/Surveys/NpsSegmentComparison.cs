using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Every pairwise NPS difference between segments, with Holm and Bonferroni adjusted p-values, and one chi-square test
/// that all segments share the same promoter/passive/detractor shares. Build one with <see cref="Nps.CompareSegments"/>.
/// </summary>
/// <remarks><threadsafety>Immutable; safe to share across threads.</threadsafety></remarks>
public sealed class NpsSegmentComparison
{
    private readonly NpsPairwiseDifference[] _pairs;

    /// <summary>Creates a comparison from its parts.</summary>
    /// <param name="segments">Number of segments, ≥ 2.</param>
    /// <param name="pairs">One entry per pair i &lt; j, in the order (0,1), (0,2), …, (1,2), …: segments × (segments − 1) / 2 entries.</param>
    /// <param name="homogeneity">The test that all segments share one distribution.</param>
    /// <exception cref="ArgumentException">The pairs do not match the segment count or order.</exception>
    [JsonConstructor]
    public NpsSegmentComparison(int segments, IReadOnlyList<NpsPairwiseDifference> pairs, NpsHomogeneityTest homogeneity)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (segments < 2)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(segments), segments, "≥ 2");
        }

        if (pairs.Count != segments * (segments - 1) / 2)
        {
            ThrowHelper.Argument(nameof(pairs), $"{segments} segments have {segments * (segments - 1) / 2} pairs; {pairs.Count} were given.");
        }

        int k = 0;
        for (int i = 0; i < segments; i++)
        {
            for (int j = i + 1; j < segments; j++, k++)
            {
                if (pairs[k].First != i || pairs[k].Second != j)
                {
                    ThrowHelper.Argument(nameof(pairs), $"pairs[{k}] is ({pairs[k].First}, {pairs[k].Second}); expected ({i}, {j}).");
                }
            }
        }

        Segments = segments;
        _pairs = [.. pairs];
        Homogeneity = homogeneity;
    }

    /// <summary>Number of segments compared.</summary>
    public int Segments { get; }

    /// <summary>The pairs (i, j), i &lt; j, in order (0,1), (0,2), …, (1,2), ….</summary>
    public IReadOnlyList<NpsPairwiseDifference> Pairs => _pairs;

    /// <summary>The chi-square test of homogeneity over all segments.</summary>
    public NpsHomogeneityTest Homogeneity { get; }

    /// <summary>The pair of two segments, in either order (the difference is always lower index minus higher index).</summary>
    /// <param name="first">One segment index.</param>
    /// <param name="second">Another segment index.</param>
    /// <returns>The pair.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range or both are equal.</exception>
    public NpsPairwiseDifference Pair(int first, int second)
    {
        (int i, int j) = first < second ? (first, second) : (second, first);
        if (i < 0 || j >= Segments || i == j)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(second), second, $"two different segment indexes from 0 to {Segments - 1}");
        }

        return _pairs[(i * ((2 * Segments) - i - 1) / 2) + (j - i - 1)];
    }

    /// <summary>The homogeneity test and the number of pairs whose Holm-adjusted p-value is below 0.05.</summary>
    /// <returns>The summary as text.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Segments} segments: {Homogeneity}; {_pairs.Count(p => p.HolmPValue < 0.05)} of {_pairs.Length} pairs differ at Holm p < 0.05");
}
