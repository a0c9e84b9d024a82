using System.Globalization;
using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Loyalty;

/// <summary>
/// A loyalty programme's report: spend of members against non-members (difference and ratio of means with Welch
/// intervals, geometric-mean ratio on the log scale) and retention of members against non-members (the Newcombe
/// interval of <see cref="RetentionComparison"/>). Build one with <see cref="LoyaltyProgramme.Compare"/>.
/// </summary>
/// <remarks>Reports over disjoint customers merge with <c>+</c>; <c>default</c> is the empty identity.</remarks>
/// <param name="Spend">Members (A) against non-members (B) on spend per customer.</param>
/// <param name="Retention">Members (A) against non-members (B) on retention over the same period.</param>
public readonly record struct ProgrammeReport(SpendComparison Spend, RetentionComparison Retention)
{
    /// <summary>Merges reports of disjoint customers.</summary>
    /// <param name="left">One report.</param>
    /// <param name="right">The other.</param>
    /// <returns>The report of both.</returns>
    /// <exception cref="OverflowException">A count exceeds <see cref="long.MaxValue"/>.</exception>
    public static ProgrammeReport operator +(ProgrammeReport left, ProgrammeReport right) =>
        new(left.Spend + right.Spend, left.Retention + right.Retention);

    /// <summary>The named form of <c>+</c>.</summary>
    /// <param name="left">One report.</param>
    /// <param name="right">The other.</param>
    /// <returns>The report of both.</returns>
    public static ProgrammeReport Add(ProgrammeReport left, ProgrammeReport right) => left + right;

    /// <summary>Formats both comparisons on two lines, invariant culture.</summary>
    /// <returns>The report as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"spend: {Spend}\nretention: {Retention}");
}
