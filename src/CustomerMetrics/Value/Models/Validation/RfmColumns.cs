namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// The one place the new models name an <see cref="RfmSummary"/> column whose name is changing (T becomes Age in the
/// models-core renaming): after that merge, only this line changes.
/// </summary>
internal static class RfmColumns
{
    /// <summary>T (age) per customer, in the summary's unit.</summary>
    public static ReadOnlySpan<double> Age(RfmSummary summary) => summary.T;
}
