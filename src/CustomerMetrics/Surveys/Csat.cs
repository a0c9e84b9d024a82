using System.Globalization;
using CustomerMetrics.Internal;
using CustomerMetrics.Internal.Vectors;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Customer Satisfaction (CSAT) calculations over ratings 1..k stored one per byte: the share of responses in the
/// top box. Vectorised, allocation-free.
/// </summary>
/// <remarks><threadsafety>All members are pure and thread-safe.</threadsafety></remarks>
public static partial class Csat
{
    /// <summary>
    /// The conventional top box for a scale: 1 point on a 3-point scale, 2 on 4- to 7-point scales (4–5 of 5), and 3
    /// on a 10-point scale (8–10). Other scales have no convention: use <see cref="CalculateWithTopBox(ReadOnlySpan{byte}, int, int)"/>.
    /// </summary>
    /// <param name="scalePoints">Points on the scale.</param>
    /// <returns>The number of top points that count as satisfied.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The scale has no conventional top box (not 3–7 or 10).</exception>
    public static int DefaultTopBoxPoints(int scalePoints)
    {
        if (scalePoints is not (>= 3 and <= 7 or 10))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(scalePoints), scalePoints,
                "3 to 7 and 10 (the scales with a conventional top box); use CalculateWithTopBox for others");
        }

        return scalePoints switch
        {
            3 => 1,
            10 => 3,
            _ => 2,
        };
    }

    /// <summary>Counts ratings on a 1..<paramref name="scalePoints"/> scale with the conventional top box.</summary>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>. May be empty.</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10 (5 by default).</param>
    /// <returns>The counts and CSAT; for an empty span the share is NaN.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The scale has no conventional top box, or a rating is off the scale (the message names the first such index and value).</exception>
    public static CsatResult Calculate(ReadOnlySpan<byte> ratings, int scalePoints = 5) =>
        CalculateWithTopBox(ratings, scalePoints, DefaultTopBoxPoints(scalePoints));

    /// <summary>Counts ratings on a 1..<paramref name="scalePoints"/> scale with an explicit top box.</summary>
    /// <param name="ratings">The responses, each from 1 to <paramref name="scalePoints"/>. May be empty.</param>
    /// <param name="scalePoints">Points on the scale, 2 to 11.</param>
    /// <param name="topBoxPoints">How many of the highest points count as satisfied, 1 to scalePoints − 1.</param>
    /// <returns>The counts and CSAT; for an empty span the share is NaN.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The scale or top box is out of range, or a rating is off the scale.</exception>
    public static CsatResult CalculateWithTopBox(ReadOnlySpan<byte> ratings, int scalePoints, int topBoxPoints) =>
        Calculate(ratings, scalePoints, topBoxPoints, lenient: false, VectorPath.Auto);

    /// <summary>
    /// Counts valid ratings with the conventional top box and skips, counting in <see cref="CsatResult.Rejected"/>,
    /// every off-scale entry (blanks exported as 0, "don't know" codes).
    /// </summary>
    /// <param name="ratings">The entries. May be empty.</param>
    /// <param name="scalePoints">Points on the scale: 3 to 7 or 10 (5 by default).</param>
    /// <returns>The counts of the valid ratings and the number rejected.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The scale has no conventional top box.</exception>
    public static CsatResult CalculateLenient(ReadOnlySpan<byte> ratings, int scalePoints = 5) =>
        Calculate(ratings, scalePoints, DefaultTopBoxPoints(scalePoints), lenient: true, VectorPath.Auto);

    internal static CsatResult Calculate(ReadOnlySpan<byte> ratings, int scalePoints, int topBoxPoints, bool lenient, VectorPath path)
    {
        CheckScale(scalePoints, topBoxPoints);
        PointCounts counts = PointCounts.Tally(ratings, scalePoints, lenient, out long rejected, path, nameof(ratings));
        return new CsatResult(scalePoints, topBoxPoints, counts, rejected);
    }

    internal static int CheckScale(int scalePoints, int topBoxPoints)
    {
        if (scalePoints is < 2 or > PointKernel.MaxPoints)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(scalePoints), scalePoints, "2 to 11");
        }

        if (topBoxPoints < 1 || topBoxPoints >= scalePoints)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(topBoxPoints), topBoxPoints, string.Create(CultureInfo.InvariantCulture, $"1 to {scalePoints - 1} for a {scalePoints}-point scale"));
        }

        return scalePoints;
    }
}
