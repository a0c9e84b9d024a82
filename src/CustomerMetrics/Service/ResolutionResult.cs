using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Service;

/// <summary>
/// The counts behind resolution metrics: tickets, resolved tickets, resolved on the first contact, and resolved
/// tickets that had been reopened. Rates with Wilson intervals are derived.
/// </summary>
/// <remarks>
/// <para>Definitions (rates are fractions):
/// resolution rate = resolved ÷ tickets;
/// first-contact resolution (FCR) = resolved on the first contact ÷ resolved (the usual contact-centre form, e.g.
/// SQM Group; <see cref="FirstContactShareOfAll"/> divides by every ticket instead);
/// reopen rate = resolved tickets that had been reopened ÷ resolved.</para>
/// <para>Results over disjoint tickets merge exactly with <c>+</c>; <c>default</c> is the empty identity. Undefined rates are NaN.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ResolutionResult
{
    /// <summary>Creates a result from counts.</summary>
    /// <param name="tickets">Tickets, ≥ 0.</param>
    /// <param name="resolved">Resolved tickets, 0 to <paramref name="tickets"/>.</param>
    /// <param name="firstContact">Resolved on the first contact, 0 to <paramref name="resolved"/>.</param>
    /// <param name="reopened">Resolved tickets that had been reopened, 0 to <paramref name="resolved"/> − <paramref name="firstContact"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or exceeds its whole.</exception>
    [JsonConstructor]
    public ResolutionResult(long tickets, long resolved, long firstContact, long reopened)
    {
        Guard.NonNegative(tickets);
        CheckPart(resolved, tickets, nameof(resolved), "tickets");
        CheckPart(firstContact, resolved, nameof(firstContact), "resolved");
        CheckPart(reopened, resolved - firstContact, nameof(reopened), "resolved − firstContact");
        Tickets = tickets;
        Resolved = resolved;
        FirstContact = firstContact;
        Reopened = reopened;
    }

    /// <summary>Tickets counted.</summary>
    public long Tickets { get; }

    /// <summary>Tickets resolved (a resolution time present).</summary>
    public long Resolved { get; }

    /// <summary>Resolved tickets that needed one contact and were never reopened.</summary>
    public long FirstContact { get; }

    /// <summary>Resolved tickets that had been reopened before their final resolution.</summary>
    public long Reopened { get; }

    /// <summary>Tickets still open: <see cref="Tickets"/> − <see cref="Resolved"/>.</summary>
    [JsonIgnore]
    public long Unresolved => Tickets - Resolved;

    /// <summary>Resolution rate, resolved ÷ tickets; NaN with no tickets.</summary>
    [JsonIgnore]
    public double ResolutionRate => ServiceRates.Rate(Resolved, Tickets);

    /// <summary>First-contact resolution, first-contact ÷ resolved; NaN with nothing resolved.</summary>
    [JsonIgnore]
    public double FirstContactResolutionRate => ServiceRates.Rate(FirstContact, Resolved);

    /// <summary>First-contact resolutions as a share of every ticket, open ones included; NaN with no tickets.</summary>
    [JsonIgnore]
    public double FirstContactShareOfAll => ServiceRates.Rate(FirstContact, Tickets);

    /// <summary>Reopen rate, reopened ÷ resolved; NaN with nothing resolved.</summary>
    [JsonIgnore]
    public double ReopenRate => ServiceRates.Rate(Reopened, Resolved);

    /// <summary>Wilson interval (Wilson 1927) for <see cref="ResolutionRate"/>, fractions in [0, 1].</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="InvalidOperationException">There are no tickets.</exception>
    public ConfidenceInterval ResolutionInterval(double confidenceLevel = 0.95) =>
        ServiceRates.Wilson(Resolved, Tickets, confidenceLevel, "A resolution-rate interval needs at least one ticket.");

    /// <summary>Wilson interval for <see cref="FirstContactResolutionRate"/>, fractions in [0, 1].</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="InvalidOperationException">No ticket is resolved.</exception>
    public ConfidenceInterval FirstContactInterval(double confidenceLevel = 0.95) =>
        ServiceRates.Wilson(FirstContact, Resolved, confidenceLevel, "An FCR interval needs at least one resolved ticket.");

    /// <summary>Wilson interval for <see cref="ReopenRate"/>, fractions in [0, 1].</summary>
    /// <param name="confidenceLevel">Nominal coverage strictly between 0 and 1.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="InvalidOperationException">No ticket is resolved.</exception>
    public ConfidenceInterval ReopenInterval(double confidenceLevel = 0.95) =>
        ServiceRates.Wilson(Reopened, Resolved, confidenceLevel, "A reopen-rate interval needs at least one resolved ticket.");

    /// <summary>Merges the counts of disjoint tickets; checked.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The result over both.</returns>
    /// <exception cref="OverflowException">A count exceeds <see cref="long.MaxValue"/>.</exception>
    public static ResolutionResult operator +(ResolutionResult left, ResolutionResult right) => new(
        checked(left.Tickets + right.Tickets), checked(left.Resolved + right.Resolved),
        checked(left.FirstContact + right.FirstContact), checked(left.Reopened + right.Reopened));

    /// <summary>The named form of <c>+</c>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The result over both.</returns>
    public static ResolutionResult Add(ResolutionResult left, ResolutionResult right) => left + right;

    /// <summary>Formats as <c>resolved 90.0 %, FCR 70.0 %, reopened 5.0 % (n = 1,000)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"resolved {ResolutionRate * 100:0.0} %, FCR {FirstContactResolutionRate * 100:0.0} %, reopened {ReopenRate * 100:0.0} % (n = {Tickets:N0})");

    private static void CheckPart(long part, long whole, string name, string wholeName)
    {
        if (part < 0 || part > whole)
        {
            ThrowHelper.ArgumentOutOfRange(name, part, string.Create(CultureInfo.InvariantCulture, $"counts from 0 to {wholeName} = {whole}"));
        }
    }
}
