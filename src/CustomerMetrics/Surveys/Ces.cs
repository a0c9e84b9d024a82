using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Customer Effort Score calculations over ratings stored one per byte: CES 1.0 (1–5 effort, lower is better) and
/// CES 2.0 (1–7 agreement that the company made it easy, higher is better). Vectorised, allocation-free.
/// </summary>
/// <remarks><threadsafety>All members are pure and thread-safe.</threadsafety></remarks>
public static partial class Ces
{
    /// <summary>Counts ratings per scale point.</summary>
    /// <param name="ratings">The responses, each from 1 to the scale's points. May be empty.</param>
    /// <param name="scale">The questionnaire.</param>
    /// <returns>The counts and scores; for an empty span every score is NaN.</returns>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not a CES scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is off the scale (0, or above 5 or 7); the message names the first such index and value.</exception>
    public static CesResult Calculate(ReadOnlySpan<byte> ratings, CesScale scale) => Calculate(ratings, scale, lenient: false, VectorPath.Auto);

    /// <summary>Counts valid ratings and skips, counting in <see cref="CesResult.Rejected"/>, every off-scale entry.</summary>
    /// <param name="ratings">The entries. May be empty.</param>
    /// <param name="scale">The questionnaire.</param>
    /// <returns>The counts of the valid ratings and the number rejected.</returns>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not a CES scale.</exception>
    public static CesResult CalculateLenient(ReadOnlySpan<byte> ratings, CesScale scale) => Calculate(ratings, scale, lenient: true, VectorPath.Auto);

    internal static CesResult Calculate(ReadOnlySpan<byte> ratings, CesScale scale, bool lenient, VectorPath path)
    {
        CesResult.CheckScale(scale);
        PointCounts counts = PointCounts.Tally(ratings, (int)scale, lenient, out long rejected, path, nameof(ratings));
        return new CesResult(scale, counts, rejected);
    }
}
