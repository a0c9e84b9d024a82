using CustomerMetrics.Internal;

namespace CustomerMetrics.Surveys;

/// <summary>Period-over-period change.</summary>
public static partial class Nps
{
    /// <summary>
    /// The change of each period's NPS from the previous period, with its standard error, z test and interval:
    /// <c>destination[p]</c> = <see cref="Compare"/>(periods[p], periods[p − 1]), the two-sample comparison
    /// z = (N₁ − N₂) / √(V₁/n₁ + V₂/n₂), V = (p + d) − (p − d)² (Rocks 2016), treating the periods as independent
    /// samples (each respondent answers once). Like a lagged difference, the first period has no previous one.
    /// </summary>
    /// <param name="periods">Results per period, oldest first (for example from <see cref="CalculateByPeriod(ReadOnlySpan{DateOnly}, ReadOnlySpan{byte}, DateOnly, Value.PeriodUnit, Span{NpsResult})"/>).</param>
    /// <param name="destination">One change per period, the same length as <paramref name="periods"/>, in NPS points.
    /// <c>destination[0]</c>, and every change where this period or the previous one has no responses, is
    /// <see cref="NpsComparison.Undefined"/> (all NaN), never 0.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <remarks>
    /// Each p-value is unadjusted: with many periods, some changes look significant by chance. Overlapping trailing
    /// windows share responses, so the independent-samples standard error and p-value do not apply to them; test
    /// changes between disjoint periods.
    /// </remarks>
    public static void PeriodOverPeriod(ReadOnlySpan<NpsResult> periods, Span<NpsComparison> destination)
    {
        Guard.SameLength(periods.Length, destination.Length);
        for (int p = 0; p < periods.Length; p++)
        {
            destination[p] = p == 0 || periods[p].Count == 0 || periods[p - 1].Count == 0
                ? NpsComparison.Undefined
                : Compare(periods[p], periods[p - 1]);
        }
    }
}
