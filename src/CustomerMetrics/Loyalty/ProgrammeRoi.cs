using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Loyalty;

/// <summary>
/// A loyalty programme's return on investment: ROI = (incremental gross profit − programme cost) ÷ programme cost,
/// with incremental gross profit = members × lift in spend per member × gross margin. Built by
/// <see cref="LoyaltyProgramme.Roi"/> from a <see cref="SpendComparison"/>; the interval maps the Welch interval of the
/// lift through this linear formula (members, margin and cost taken as known), so its coverage is the lift's.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ProgrammeRoi
{
    /// <summary>Creates a ROI; validates the inputs.</summary>
    /// <param name="members">Members the lift applies to, ≥ 0.</param>
    /// <param name="lift">Lift in spend per member for the period (members − non-members), currency units.</param>
    /// <param name="liftInterval">The interval of <paramref name="lift"/>.</param>
    /// <param name="grossMargin">Gross margin on the incremental spend, a fraction in [0, 1].</param>
    /// <param name="programmeCost">Programme cost for the period (rewards, operations), currency units, finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    [JsonConstructor]
    public ProgrammeRoi(long members, double lift, ConfidenceInterval liftInterval, double grossMargin, double programmeCost)
    {
        Check(members, grossMargin, programmeCost);
        Members = members;
        Lift = lift;
        LiftInterval = liftInterval;
        GrossMargin = grossMargin;
        ProgrammeCost = programmeCost;
    }

    /// <summary>Members the lift applies to.</summary>
    public long Members { get; }

    /// <summary>Lift in spend per member for the period, currency units.</summary>
    public double Lift { get; }

    /// <summary>The interval of <see cref="Lift"/>.</summary>
    public ConfidenceInterval LiftInterval { get; }

    /// <summary>Gross margin on the incremental spend, a fraction.</summary>
    public double GrossMargin { get; }

    /// <summary>Programme cost for the period, currency units.</summary>
    public double ProgrammeCost { get; }

    /// <summary>Incremental gross profit = members × lift × margin, currency units.</summary>
    [JsonIgnore]
    public double IncrementalGrossProfit => Members * Lift * GrossMargin;

    /// <summary>ROI as a fraction (0.5 = 50 % return; −1 = the cost is lost; 0 = break-even).</summary>
    [JsonIgnore]
    public double Roi => (IncrementalGrossProfit - ProgrammeCost) / ProgrammeCost;

    /// <summary>The interval of <see cref="Roi"/>, a fraction, from <see cref="LiftInterval"/>.</summary>
    [JsonIgnore]
    public ConfidenceInterval Interval => new(ToRoi(LiftInterval.Lower), ToRoi(LiftInterval.Upper), LiftInterval.ConfidenceLevel);

    /// <summary>Formats as <c>ROI 35.0 % [−12.0, 82.0] (95 %)</c>, invariant culture.</summary>
    /// <returns>The ROI as text.</returns>
    public override string ToString()
    {
        ConfidenceInterval ci = Interval;
        return string.Create(CultureInfo.InvariantCulture, $"ROI {Roi * 100:0.0} % [{ci.Lower * 100:0.0}, {ci.Upper * 100:0.0}] ({ci.ConfidenceLevel * 100:0.##} %)");
    }

    private double ToRoi(double lift) => ((Members * lift * GrossMargin) - ProgrammeCost) / ProgrammeCost;

    internal static void Check(long members, double grossMargin, double programmeCost)
    {
        Guard.NonNegative(members);
        Guard.Fraction(grossMargin);
        if (!(programmeCost > 0) || double.IsPositiveInfinity(programmeCost))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(programmeCost), programmeCost, "finite costs > 0 (ROI divides by the cost)");
        }
    }
}
