using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Loyalty;

/// <summary>
/// A programme rate as counts: the active-member rate (members active in the period ÷ members) or the redemption
/// rate (members, or rewards, redeemed ÷ members, or rewards issued). <see cref="Rate"/> and a Wilson interval are
/// derived; the interval treats each member or reward as one independent trial, so pass counts of members or
/// rewards, not of points.
/// </summary>
/// <remarks>Rates over disjoint members merge with <c>+</c>; <c>default</c> is the empty identity.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ProgrammeRate
{
    /// <summary>Creates a rate from counts.</summary>
    /// <param name="count">Members active (or redeemed), 0 to <paramref name="total"/>.</param>
    /// <param name="total">Members (or rewards issued), ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or <paramref name="count"/> exceeds <paramref name="total"/>.</exception>
    [JsonConstructor]
    public ProgrammeRate(long count, long total)
    {
        Guard.NonNegative(total);
        if (count < 0 || count > total)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(count), count, string.Create(CultureInfo.InvariantCulture, $"counts from 0 to total = {total}"));
        }

        Count = count;
        Total = total;
    }

    /// <summary>Members active (or redeemed).</summary>
    public long Count { get; }

    /// <summary>Members (or rewards issued).</summary>
    public long Total { get; }

    /// <summary>The rate, a fraction; NaN when <see cref="Total"/> is 0.</summary>
    [JsonIgnore]
    public double Rate => Total == 0 ? double.NaN : (double)Count / Total;

    /// <summary>A Wilson score interval (Wilson 1927) for <see cref="Rate"/>, fractions in [0, 1].</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    /// <exception cref="InvalidOperationException"><see cref="Total"/> is 0.</exception>
    public ConfidenceInterval Interval(double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        if (Total == 0)
        {
            ThrowHelper.InvalidOperation("A rate interval needs at least one member; this rate has none.");
        }

        (double lower, double upper) = Stats.Wilson(Count, Total, Stats.TwoSidedZ(confidenceLevel));
        return new ConfidenceInterval(lower, upper, confidenceLevel);
    }

    /// <summary>Merges rates of disjoint members.</summary>
    /// <param name="left">One rate.</param>
    /// <param name="right">The other.</param>
    /// <returns>The rate over both.</returns>
    /// <exception cref="OverflowException">A count exceeds <see cref="long.MaxValue"/>.</exception>
    public static ProgrammeRate operator +(ProgrammeRate left, ProgrammeRate right) =>
        new(checked(left.Count + right.Count), checked(left.Total + right.Total));

    /// <summary>The named form of <c>+</c>.</summary>
    /// <param name="left">One rate.</param>
    /// <param name="right">The other.</param>
    /// <returns>The rate over both.</returns>
    public static ProgrammeRate Add(ProgrammeRate left, ProgrammeRate right) => left + right;

    /// <summary>Formats as <c>42.0 % (420/1,000)</c>, invariant culture.</summary>
    /// <returns>The rate as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rate * 100:0.0} % ({Count:N0}/{Total:N0})");
}
