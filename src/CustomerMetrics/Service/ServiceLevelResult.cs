using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Service;

/// <summary>
/// The counts behind a service level: tickets answered within the threshold, tickets answered, tickets still
/// without an answer, and rows a lenient calculation rejected. <see cref="Share"/> = within ÷ answered.
/// </summary>
/// <remarks>
/// <para>Open tickets are counted in <see cref="Open"/> and left out of the share: some of them may still be answered in
/// time. Results over disjoint tickets with the same threshold merge exactly with <c>+</c>; <c>default</c> is the
/// empty identity (merging results of different thresholds is the caller's mistake: the threshold is not stored).</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ServiceLevelResult
{
    /// <summary>Creates a result from counts.</summary>
    /// <param name="within">Answered tickets within the threshold, 0 ≤ within ≤ responded.</param>
    /// <param name="responded">Answered tickets, ≥ 0.</param>
    /// <param name="open">Tickets without an answer, ≥ 0.</param>
    /// <param name="rejected">Rows a lenient calculation skipped, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or <paramref name="within"/> exceeds <paramref name="responded"/>.</exception>
    [JsonConstructor]
    public ServiceLevelResult(long within, long responded, long open, long rejected)
    {
        Guard.NonNegative(responded);
        Guard.NonNegative(open);
        Guard.NonNegative(rejected);
        if (within < 0 || within > responded)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(within), within, string.Create(CultureInfo.InvariantCulture, $"counts from 0 to responded = {responded}"));
        }

        Within = within;
        Responded = responded;
        Open = open;
        Rejected = rejected;
    }

    /// <summary>Answered tickets whose duration was at most the threshold.</summary>
    public long Within { get; }

    /// <summary>Answered tickets.</summary>
    public long Responded { get; }

    /// <summary>Tickets with no answer yet (<see cref="ServiceTimes.Missing"/>).</summary>
    public long Open { get; }

    /// <summary>Rows a lenient calculation skipped (no creation time, answer before creation); 0 for a strict one.</summary>
    public long Rejected { get; }

    /// <summary>The service level: <see cref="Within"/> ÷ <see cref="Responded"/>, a fraction; NaN with no answered ticket.</summary>
    public double Share => Responded == 0 ? double.NaN : (double)Within / Responded;

    /// <summary>A Wilson score interval (Wilson 1927) for <see cref="Share"/>, as fractions in [0, 1].</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    /// <exception cref="InvalidOperationException">No ticket was answered.</exception>
    public ConfidenceInterval Interval(double confidenceLevel = 0.95) =>
        ServiceRates.Wilson(Within, Responded, confidenceLevel, "A service-level interval needs at least one answered ticket.");

    /// <summary>Merges the counts of disjoint tickets (same threshold); checked.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The result over both.</returns>
    /// <exception cref="OverflowException">A count exceeds <see cref="long.MaxValue"/>.</exception>
    public static ServiceLevelResult operator +(ServiceLevelResult left, ServiceLevelResult right) => new(
        checked(left.Within + right.Within), checked(left.Responded + right.Responded),
        checked(left.Open + right.Open), checked(left.Rejected + right.Rejected));

    /// <summary>The named form of <c>+</c>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The result over both.</returns>
    public static ServiceLevelResult Add(ServiceLevelResult left, ServiceLevelResult right) => left + right;

    /// <summary>Formats as <c>service level 82.0 % (820/1,000 answered within; 15 open)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"service level {Share * 100:0.0} % ({Within:N0}/{Responded:N0} answered within; {Open:N0} open{(Rejected > 0 ? $"; {Rejected:N0} rejected" : "")})");
}
