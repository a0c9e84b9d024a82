namespace CustomerMetrics.Surveys;

/// <summary>Two-group CES comparison.</summary>
public static partial class Ces
{
    /// <summary>
    /// Compares the mean ratings of two independent samples on one scale with Welch's t test and interval (see
    /// <see cref="CesComparison"/>).
    /// </summary>
    /// <param name="first">The first sample.</param>
    /// <param name="second">The second sample, on the same scale.</param>
    /// <returns>The comparison; its statistics are NaN with fewer than two responses on a side.</returns>
    /// <exception cref="ArgumentException">The samples are on different scales.</exception>
    public static CesComparison Compare(CesResult first, CesResult second) => new(first, second);
}
