using CustomerMetrics.Subscriptions;

namespace CustomerMetrics.Loyalty;

/// <summary>
/// Loyalty-programme metrics: members against non-members on spend and retention, the active-member and
/// redemption rates, and the programme's ROI.
/// </summary>
/// <remarks><threadsafety>All members are pure and thread-safe.</threadsafety></remarks>
public static class LoyaltyProgramme
{
    /// <summary>The programme report: spend per customer and retention of members against non-members.</summary>
    /// <param name="memberSpend">Spend per member for the period, finite and ≥ 0.</param>
    /// <param name="nonMemberSpend">Spend per non-member for the same period, finite and ≥ 0.</param>
    /// <param name="retention">Retention of members (A) against non-members (B), from <see cref="Subscriptions.Retention.Compare"/>.</param>
    /// <returns>The report; see <see cref="SpendComparison"/> for the intervals.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative, NaN or infinite.</exception>
    public static ProgrammeReport Compare(ReadOnlySpan<double> memberSpend, ReadOnlySpan<double> nonMemberSpend, RetentionComparison retention) =>
        new(CompareSpend(memberSpend, nonMemberSpend), retention);

    /// <summary>Spend per customer of members against non-members.</summary>
    /// <param name="memberSpend">Spend per member, finite and ≥ 0.</param>
    /// <param name="nonMemberSpend">Spend per non-member, finite and ≥ 0.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative, NaN or infinite.</exception>
    public static SpendComparison CompareSpend(ReadOnlySpan<double> memberSpend, ReadOnlySpan<double> nonMemberSpend) =>
        new(SpendSummary.Of(memberSpend), SpendSummary.Of(nonMemberSpend));

    /// <summary>The active-member rate: members active in the period ÷ members, with a Wilson interval.</summary>
    /// <param name="activeMembers">Members who earned or redeemed in the period, 0 to <paramref name="members"/>.</param>
    /// <param name="members">Enrolled members, ≥ 0.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or exceeds the members.</exception>
    public static ProgrammeRate ActiveMemberRate(long activeMembers, long members) => new(activeMembers, members);

    /// <summary>The redemption rate: members (or rewards) redeemed ÷ members (or rewards issued), with a Wilson interval.</summary>
    /// <param name="redeemed">Members who redeemed (or rewards redeemed), 0 to <paramref name="issued"/>.</param>
    /// <param name="issued">Members eligible (or rewards issued), ≥ 0.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or exceeds <paramref name="issued"/>.</exception>
    public static ProgrammeRate RedemptionRate(long redeemed, long issued) => new(redeemed, issued);

    /// <summary>
    /// Programme ROI = (members × lift × margin − cost) ÷ cost, with the lift the difference of mean spend per
    /// customer of <paramref name="spend"/> and its interval the Welch interval of that difference.
    /// </summary>
    /// <param name="spend">Members against non-members for the period.</param>
    /// <param name="members">Members the lift applies to, ≥ 0 (usually <c>spend.Members.Count</c>).</param>
    /// <param name="grossMargin">Gross margin on incremental spend, a fraction in [0, 1].</param>
    /// <param name="programmeCost">Programme cost for the same period, finite and &gt; 0.</param>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The ROI and its interval (NaN bounds when the lift's interval is undefined).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    public static ProgrammeRoi Roi(SpendComparison spend, long members, double grossMargin, double programmeCost, double confidenceLevel = 0.95)
    {
        ProgrammeRoi.Check(members, grossMargin, programmeCost);
        return new ProgrammeRoi(members, spend.Difference, spend.DifferenceInterval(confidenceLevel), grossMargin, programmeCost);
    }
}
