namespace CustomerMetrics.Internal;

/// <summary>The difference of two independent proportions: Newcombe's hybrid score interval and the pooled z test.</summary>
internal static partial class Stats
{
    /// <summary>
    /// Newcombe's hybrid score interval for p₁ − p₂ (Newcombe 1998, <i>Interval estimation for the difference between
    /// independent proportions: comparison of eleven methods</i>, Statistics in Medicine 17, method 10): with Wilson
    /// intervals (l₁, u₁) for p₁ and (l₂, u₂) for p₂, lower = d − √((p₁ − l₁)² + (u₂ − p₂)²) and
    /// upper = d + √((u₁ − p₁)² + (p₂ − l₂)²), clamped to [−1, 1]. Both trials must be &gt; 0.
    /// </summary>
    public static (double Lower, double Upper) NewcombeDifference(double successes1, double trials1, double successes2, double trials2, double z)
    {
        double p1 = successes1 / trials1, p2 = successes2 / trials2, d = p1 - p2;
        (double l1, double u1) = Wilson(successes1, trials1, z);
        (double l2, double u2) = Wilson(successes2, trials2, z);
        double lower = d - Math.Sqrt(((p1 - l1) * (p1 - l1)) + ((u2 - p2) * (u2 - p2)));
        double upper = d + Math.Sqrt(((u1 - p1) * (u1 - p1)) + ((p2 - l2) * (p2 - l2)));
        return (Math.Max(-1, lower), Math.Min(1, upper));
    }

    /// <summary>
    /// The pooled two-proportion z statistic (p₁ − p₂) ÷ √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ the pooled proportion; its square
    /// is Pearson's χ² of the 2 × 2 table without continuity correction. NaN when a group is empty or the pooled
    /// proportion is 0 or 1 (the test is undefined).
    /// </summary>
    public static double TwoProportionZ(long successes1, long trials1, long successes2, long trials2)
    {
        if (trials1 == 0 || trials2 == 0)
        {
            return double.NaN;
        }

        double pooled = (double)(successes1 + successes2) / (trials1 + (double)trials2);
        double variance = pooled * (1 - pooled) * ((1.0 / trials1) + (1.0 / trials2));
        double difference = ((double)successes1 / trials1) - ((double)successes2 / trials2);
        return variance > 0 ? difference / Math.Sqrt(variance) : double.NaN;
    }
}
