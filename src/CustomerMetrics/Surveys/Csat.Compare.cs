namespace CustomerMetrics.Surveys;

/// <summary>Two-group CSAT comparison.</summary>
public static partial class Csat
{
    /// <summary>
    /// Compares the satisfied shares of two independent samples with Newcombe's hybrid score interval and the pooled
    /// two-proportion z test (see <see cref="CsatComparison"/>).
    /// </summary>
    /// <param name="first">The first sample.</param>
    /// <param name="second">The second sample, with the same scale and top box.</param>
    /// <returns>The comparison; its statistics are NaN when a side is empty.</returns>
    /// <exception cref="ArgumentException">The samples differ in scale or top box.</exception>
    public static CsatComparison Compare(CsatResult first, CsatResult second) => new(first, second);
}
