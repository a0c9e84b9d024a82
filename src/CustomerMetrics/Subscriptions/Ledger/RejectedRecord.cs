using System.Globalization;

namespace CustomerMetrics.Subscriptions;

/// <summary>A subscription record the lenient ledger left out, with why.</summary>
/// <param name="Index">The record's index in the input list.</param>
/// <param name="Reason">The class of fault.</param>
/// <param name="Field">The offending field (e.g. <c>EndsOn</c>).</param>
public readonly record struct RejectedRecord(int Index, RejectionReason Reason, string Field)
{
    /// <summary>"records[12].EndsOn: DateOrder".</summary>
    /// <returns>The rejection as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"records[{Index}].{Field}: {Reason}");
}
