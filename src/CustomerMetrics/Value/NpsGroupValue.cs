using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Loyalty;

namespace CustomerMetrics.Value;

/// <summary>
/// Value per customer (revenue or CLV, ≥ 0) of promoters (9–10), passives (7–8) and detractors (0–6), as
/// <see cref="SpendSummary"/> sufficient statistics, from <see cref="ValueByNps.Calculate(ReadOnlySpan{byte}, ReadOnlySpan{double})"/>.
/// </summary>
/// <remarks>
/// <para>Tests the claim that promoters are worth several times detractors (e.g. Reichheld 2003, <i>The One Number You
/// Need to Grow</i>, HBR) on the caller's own data: <see cref="PromotersVsDetractors"/> gives the ratio of mean value
/// with a delta-method interval on the log scale, the difference with a Welch interval, and a geometric-mean ratio for
/// skewed value (see <see cref="SpendComparison"/>, where group A is the first named). An interval whose lower bound
/// is above 3 supports "more than three times". Observational: NPS groups differ in tenure and segment too.</para>
/// <para>Results of disjoint customers merge with <c>+</c> and <see cref="Add"/>; <c>default</c> is the empty identity.</para>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct NpsGroupValue
{
    /// <summary>Creates a result from the three groups' summaries (each valid by construction); the JSON constructor.</summary>
    /// <param name="promoters">Value of the customers who scored 9 or 10.</param>
    /// <param name="passives">Value of the customers who scored 7 or 8.</param>
    /// <param name="detractors">Value of the customers who scored 0 to 6.</param>
    [JsonConstructor]
    public NpsGroupValue(SpendSummary promoters, SpendSummary passives, SpendSummary detractors)
    {
        Promoters = promoters;
        Passives = passives;
        Detractors = detractors;
    }

    /// <summary>Value of the customers who scored 9 or 10.</summary>
    public SpendSummary Promoters { get; }

    /// <summary>Value of the customers who scored 7 or 8.</summary>
    public SpendSummary Passives { get; }

    /// <summary>Value of the customers who scored 0 to 6.</summary>
    public SpendSummary Detractors { get; }

    /// <summary>Customers with a score and a value.</summary>
    [JsonIgnore]
    public long Count => checked(Promoters.Count + Passives.Count + Detractors.Count);

    /// <summary>Promoters (A) against detractors (B): ratio, difference and geometric-mean ratio of value with intervals.</summary>
    [JsonIgnore]
    public SpendComparison PromotersVsDetractors => new(Promoters, Detractors);

    /// <summary>Promoters (A) against passives (B).</summary>
    [JsonIgnore]
    public SpendComparison PromotersVsPassives => new(Promoters, Passives);

    /// <summary>Passives (A) against detractors (B).</summary>
    [JsonIgnore]
    public SpendComparison PassivesVsDetractors => new(Passives, Detractors);

    /// <summary>Merges the results of disjoint customers.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The result of both.</returns>
    /// <exception cref="OverflowException">A count exceeds <see cref="long.MaxValue"/>.</exception>
    public static NpsGroupValue operator +(NpsGroupValue left, NpsGroupValue right) =>
        new(left.Promoters + right.Promoters, left.Passives + right.Passives, left.Detractors + right.Detractors);

    /// <summary>The named form of <c>+</c>.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other.</param>
    /// <returns>The result of both.</returns>
    public static NpsGroupValue Add(NpsGroupValue left, NpsGroupValue right) => left + right;

    /// <summary>Formats as <c>promoters 120.00, passives 80.00, detractors 40.00; promoters ÷ detractors ×3.000 [2.400, 3.750] (95 %)</c>, invariant culture.</summary>
    /// <returns>The result as text.</returns>
    public override string ToString()
    {
        SpendComparison c = PromotersVsDetractors;
        ConfidenceInterval r = c.RatioInterval();
        return string.Create(CultureInfo.InvariantCulture,
            $"promoters {Promoters.Mean:0.00}, passives {Passives.Mean:0.00}, detractors {Detractors.Mean:0.00}; promoters ÷ detractors ×{c.Ratio:0.000} [{r.Lower:0.000}, {r.Upper:0.000}] (95 %)");
    }
}
