using System.Globalization;
using CustomerMetrics.Internal;
using MathNet.Numerics.Distributions;

namespace CustomerMetrics.Surveys;

/// <summary>
/// Sample-size planning for NPS, CSAT and CES surveys: how many responses give a target margin of error (the
/// half-width of a two-sided confidence interval), and the smallest NPS difference two samples can detect.
/// </summary>
/// <remarks>
/// <para>The margin-of-error sizes use the standard normal-approximation formula n = z² · σ² ÷ m² (Cochran 1977,
/// <i>Sampling Techniques</i>, 3rd ed., §4.4), rounded up, with σ² the variance of one response:
/// for NPS (as p − d, a fraction) the trinomial variance (p + d) − (p − d)² that the library's Wald interval uses
/// (Rocks 2016, <i>Interval Estimation for the Net Promoter Score</i>, The American Statistician 70(4)), largest (1)
/// at p = d = 0.5; for CSAT the binomial p(1 − p), largest (0.25) at p = 0.5; for CES the squared standard
/// deviation of a rating, at most (half the scale's range)² on a bounded scale.</para>
/// <para>The two-sample NPS sizes use the normal-approximation power formula for a two-sided z test,
/// δ = (z₁₋α/₂ + z_power) · √(σ²/n₁ + σ²/n₂) (e.g. Chow, Shao &amp; Wang 2008, <i>Sample Size Calculations in Clinical
/// Research</i>, §4.2), with both groups at the variance of the given shares; the test's other tail (a few parts in
/// a million at the usual settings) is ignored.</para>
/// <para>Every figure is checked by seeded simulation in the tests (realised half-width at the planned n; empirical
/// power of <see cref="Nps.Compare"/> at the minimum detectable difference).</para>
/// <para>Bad input throws <see cref="ArgumentOutOfRangeException"/> naming the argument and its value. A result that
/// would be undefined or 0 (a zero margin, or shares with no variance, where any sample is exact) throws rather than
/// returning 0.</para>
/// <threadsafety>All members are pure and thread-safe.</threadsafety>
/// </remarks>
public static class SurveyPlanning
{
    /// <summary>Planned sizes above this (2⁵³) are refused: they are not exact in a double and no survey reaches them.</summary>
    private const double MaxResponses = 9007199254740992;

    /// <summary>
    /// Responses needed for an NPS interval of half-width <paramref name="marginOfError"/> points, given expected
    /// promoter and detractor shares: ⌈z² · ((p + d) − (p − d)²) ÷ (m/100)²⌉.
    /// </summary>
    /// <param name="marginOfError">Target half-width in NPS points (5 for ±5 points); finite and &gt; 0.</param>
    /// <param name="promoterShare">Expected share of promoters, a fraction in [0, 1].</param>
    /// <param name="detractorShare">Expected share of detractors, a fraction in [0, 1], with promoterShare + detractorShare ≤ 1.</param>
    /// <param name="confidenceLevel">Confidence level strictly between 0 and 1 (0.95 for 95 %).</param>
    /// <returns>The number of responses, ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (the message names it and its value); the shares sum above 1; the shares have no variance (all responses in one group: any n is exact); or the margin is so small that more than 2⁵³ responses are needed.</exception>
    public static long NpsResponsesNeeded(double marginOfError, double promoterShare, double detractorShare, double confidenceLevel = 0.95)
    {
        Guard.PositiveFinite(marginOfError, "a margin of error of 0 needs infinitely many responses");
        double variance = NpsVariance(promoterShare, detractorShare);
        Guard.ConfidenceLevel(confidenceLevel);
        double fraction = marginOfError / 100;
        double z = Stats.TwoSidedZ(confidenceLevel);
        return Ceiling(z * z * variance / (fraction * fraction), marginOfError, nameof(marginOfError));
    }

    /// <summary>
    /// Responses needed for an NPS interval of half-width <paramref name="marginOfError"/> points when the shares are
    /// unknown: the worst case p = d = 0.5 (half promoters, half detractors), whose variance 1 is the largest
    /// possible, so ⌈z² ÷ (m/100)²⌉ (1,537 responses for ±5 points at 95 %).
    /// </summary>
    /// <param name="marginOfError">Target half-width in NPS points; finite and &gt; 0.</param>
    /// <param name="confidenceLevel">Confidence level strictly between 0 and 1.</param>
    /// <returns>The number of responses, ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or more than 2⁵³ responses would be needed.</exception>
    public static long NpsResponsesNeededWorstCase(double marginOfError, double confidenceLevel = 0.95) =>
        NpsResponsesNeeded(marginOfError, 0.5, 0.5, confidenceLevel);

    /// <summary>
    /// Responses needed for a CSAT (or any proportion) interval of half-width <paramref name="marginOfError"/>:
    /// ⌈z² · p(1 − p) ÷ m²⌉ (Cochran's n₀).
    /// </summary>
    /// <param name="marginOfError">Target half-width as a fraction (0.05 for ±5 percentage points); finite and &gt; 0.</param>
    /// <param name="expectedShare">Expected satisfied share, a fraction strictly between 0 and 1.</param>
    /// <param name="confidenceLevel">Confidence level strictly between 0 and 1.</param>
    /// <returns>The number of responses, ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (a share of 0 or 1 has no variance: any n is exact), or more than 2⁵³ responses would be needed.</exception>
    public static long CsatResponsesNeeded(double marginOfError, double expectedShare, double confidenceLevel = 0.95)
    {
        Guard.PositiveFinite(marginOfError, "a margin of error of 0 needs infinitely many responses");
        if (!(expectedShare > 0 && expectedShare < 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(expectedShare), expectedShare,
                "fractions strictly between 0 and 1 (a share of 0 or 1 has no variance; use 0.5 for the worst case)");
        }

        Guard.ConfidenceLevel(confidenceLevel);
        double z = Stats.TwoSidedZ(confidenceLevel);
        return Ceiling(z * z * expectedShare * (1 - expectedShare) / (marginOfError * marginOfError), marginOfError, nameof(marginOfError));
    }

    /// <summary>
    /// Responses needed for a CSAT interval of half-width <paramref name="marginOfError"/> when the share is unknown:
    /// the worst case p = 0.5, ⌈z² ÷ (4m²)⌉ (385 responses for ±5 points at 95 %, 1,068 for ±3 points).
    /// </summary>
    /// <param name="marginOfError">Target half-width as a fraction; finite and &gt; 0.</param>
    /// <param name="confidenceLevel">Confidence level strictly between 0 and 1.</param>
    /// <returns>The number of responses, ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or more than 2⁵³ responses would be needed.</exception>
    public static long CsatResponsesNeededWorstCase(double marginOfError, double confidenceLevel = 0.95) =>
        CsatResponsesNeeded(marginOfError, 0.5, confidenceLevel);

    /// <summary>
    /// Responses needed for a CES mean interval (the Student-t interval of <see cref="CesResult.MeanInterval"/>) of
    /// half-width <paramref name="marginOfError"/> rating points: the smallest n ≥ 2 with
    /// t(n − 1) · σ ÷ √n ≤ m, starting from the normal approximation ⌈z²σ² ÷ m²⌉.
    /// </summary>
    /// <param name="marginOfError">Target half-width in rating points (0.1 for ±0.1 on the scale); finite and &gt; 0.</param>
    /// <param name="standardDeviation">Expected standard deviation of one rating, in rating points; finite and &gt; 0.</param>
    /// <param name="confidenceLevel">Confidence level strictly between 0 and 1.</param>
    /// <returns>The number of responses, ≥ 2 (an interval for a mean needs two).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or more than 2⁵³ responses would be needed.</exception>
    public static long CesResponsesNeeded(double marginOfError, double standardDeviation, double confidenceLevel = 0.95)
    {
        Guard.PositiveFinite(marginOfError, "a margin of error of 0 needs infinitely many responses");
        Guard.PositiveFinite(standardDeviation, "a standard deviation of 0 makes any sample exact");
        Guard.ConfidenceLevel(confidenceLevel);
        double z = Stats.TwoSidedZ(confidenceLevel);
        double ratio = standardDeviation / marginOfError;
        long n = Math.Max(2, Ceiling(z * z * ratio * ratio, marginOfError, nameof(marginOfError)));
        double p = 0.5 + (confidenceLevel / 2);
        // t > z, so the normal n is a lower bound; past a million responses t and z agree to well under 0.1 %.
        while (n < 1_000_000 && StudentT.InvCDF(0, 1, n - 1, p) * ratio / Math.Sqrt(n) > 1)
        {
            n++;
        }

        return n;
    }

    /// <summary>
    /// Responses needed for a CES mean interval of half-width <paramref name="marginOfError"/> when the spread is
    /// unknown: the worst case for a bounded scale, half the ratings at each end, whose standard deviation is half
    /// the range (2 on the 1–5 scale, 3 on the 1–7 scale).
    /// </summary>
    /// <param name="marginOfError">Target half-width in rating points; finite and &gt; 0.</param>
    /// <param name="scale">The questionnaire: <see cref="CesScale.FivePointEffort"/> or <see cref="CesScale.SevenPointAgreement"/>.</param>
    /// <param name="confidenceLevel">Confidence level strictly between 0 and 1.</param>
    /// <returns>The number of responses, ≥ 2.</returns>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not a CES scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or more than 2⁵³ responses would be needed.</exception>
    public static long CesResponsesNeededWorstCase(double marginOfError, CesScale scale, double confidenceLevel = 0.95)
    {
        _ = CesResult.CheckScale(scale);
        return CesResponsesNeeded(marginOfError, ((int)scale - 1) / 2.0, confidenceLevel);
    }

    /// <summary>
    /// The smallest true difference between two NPS values, in points, that a two-sided z test
    /// (<see cref="Nps.Compare"/>) at level <paramref name="alpha"/> detects with probability
    /// <paramref name="power"/>: (z₁₋α/₂ + z_power) · 100 · √(σ² (1/n₁ + 1/n₂)), σ² = (p + d) − (p − d)².
    /// </summary>
    /// <param name="firstCount">Responses in the first sample, ≥ 1.</param>
    /// <param name="secondCount">Responses in the second sample, ≥ 1.</param>
    /// <param name="promoterShare">Expected share of promoters, a fraction (0.5 with <paramref name="detractorShare"/> 0.5 for the worst case).</param>
    /// <param name="detractorShare">Expected share of detractors, a fraction; the shares sum to at most 1.</param>
    /// <param name="power">Probability of detecting the difference, strictly between 0 and 1 (0.8 by default).</param>
    /// <param name="alpha">Two-sided significance level, strictly between 0 and 1 (0.05 by default).</param>
    /// <returns>The minimum detectable difference in NPS points, &gt; 0 (it may exceed 200 for tiny samples: nothing is detectable then).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or the shares have no variance.</exception>
    public static double NpsMinimumDetectableDifference(
        long firstCount, long secondCount, double promoterShare, double detractorShare, double power = 0.8, double alpha = 0.05)
    {
        Guard.InRange(firstCount, 1, long.MaxValue);
        Guard.InRange(secondCount, 1, long.MaxValue);
        double variance = NpsVariance(promoterShare, detractorShare);
        double zSum = PowerZ(power, alpha);
        return zSum * 100 * Math.Sqrt(variance * ((1.0 / firstCount) + (1.0 / secondCount)));
    }

    /// <summary>
    /// Responses needed in each of two equal samples for a two-sided z test (<see cref="Nps.Compare"/>) at level
    /// <paramref name="alpha"/> to detect a true NPS difference of <paramref name="difference"/> points with
    /// probability <paramref name="power"/>: ⌈(z₁₋α/₂ + z_power)² · 2σ² ÷ (δ/100)²⌉.
    /// </summary>
    /// <param name="difference">The difference to detect, in NPS points; finite and &gt; 0.</param>
    /// <param name="promoterShare">Expected share of promoters, a fraction.</param>
    /// <param name="detractorShare">Expected share of detractors, a fraction; the shares sum to at most 1.</param>
    /// <param name="power">Probability of detection, strictly between 0 and 1.</param>
    /// <param name="alpha">Two-sided significance level, strictly between 0 and 1.</param>
    /// <returns>Responses per group, ≥ 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, the shares have no variance, or more than 2⁵³ responses would be needed.</exception>
    public static long NpsResponsesPerGroup(double difference, double promoterShare, double detractorShare, double power = 0.8, double alpha = 0.05)
    {
        Guard.PositiveFinite(difference, "a difference of 0 needs infinitely many responses");
        double variance = NpsVariance(promoterShare, detractorShare);
        double zSum = PowerZ(power, alpha);
        double fraction = difference / 100;
        return Ceiling(zSum * zSum * 2 * variance / (fraction * fraction), difference, nameof(difference));
    }

    private static double NpsVariance(double promoterShare, double detractorShare)
    {
        Guard.Fraction(promoterShare);
        Guard.Fraction(detractorShare);
        if (promoterShare + detractorShare > 1 + 1e-12)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(detractorShare), detractorShare, string.Create(CultureInfo.InvariantCulture,
                $"fractions up to 1 − promoterShare = {1 - promoterShare:R} (the shares sum to at most 1)"));
        }

        double variance = NpsInterval.Variance(promoterShare, detractorShare);
        if (!(variance > 0))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(promoterShare), promoterShare, string.Create(CultureInfo.InvariantCulture,
                $"shares with some variance; with detractorShare = {detractorShare:R} every response is in one group and any sample is exact"));
        }

        return variance;
    }

    private static double PowerZ(double power, double alpha)
    {
        if (!(power > 0 && power < 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(power), power, "probabilities strictly between 0 and 1 (0.8 for 80 %)");
        }

        if (!(alpha > 0 && alpha < 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(alpha), alpha, "significance levels strictly between 0 and 1 (0.05)");
        }

        return Normal.InvCDF(0, 1, 1 - (alpha / 2)) + Normal.InvCDF(0, 1, power);
    }

    /// <summary>⌈x⌉ at least 1, forgiving a rounding error of a few ulps above an integer (384.0000000001 is 384).</summary>
    private static long Ceiling(double exact, double target, string targetName)
    {
        if (!(exact <= MaxResponses))
        {
            ThrowHelper.ArgumentOutOfRange(targetName, target, "targets that need at most 2⁵³ responses");
        }

        return Math.Max(1, (long)Math.Ceiling(exact * (1 - 1e-12)));
    }
}
