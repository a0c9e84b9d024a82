using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// Expected against actual repeat transactions per calendar period (the tracking plot; Fader, Hardie &amp; Lee 2005, fig. 2–3):
/// period k covers (start + k·L, start + (k+1)·L] days, L the unit's length in days. Actual counts are repeat purchase days
/// (a customer's first day excluded); expected counts are Σ over customers of E[X(end − first purchase)] differences.
/// </summary>
/// <remarks>Built by <see cref="PurchaseDiagnostics"/>; every way to make one (constructor, JSON) is validated. The arrays belong to the result: read them, do not write them.</remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record TrackingSeries
{
    /// <summary>Creates the result after checking it: no array null, all of one length, every value in range.</summary>
    /// <param name="periodEnd">Last day of each period, ascending.</param>
    /// <param name="actualIncremental">Actual repeat transactions in each period (≥ 0).</param>
    /// <param name="expectedIncremental">Expected repeat transactions in each period (finite).</param>
    /// <param name="actualCumulative">Actual repeat transactions to the end of each period (≥ 0).</param>
    /// <param name="expectedCumulative">Expected repeat transactions to the end of each period (≥ 0).</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The arrays differ in length, or a value is out of range (names the array, index and value).</exception>
    [JsonConstructor]
    public TrackingSeries(DateOnly[] periodEnd, double[] actualIncremental, double[] expectedIncremental, double[] actualCumulative, double[] expectedCumulative)
    {
        ArgumentNullException.ThrowIfNull(periodEnd);
        ArgumentNullException.ThrowIfNull(actualIncremental);
        ArgumentNullException.ThrowIfNull(expectedIncremental);
        ArgumentNullException.ThrowIfNull(actualCumulative);
        ArgumentNullException.ThrowIfNull(expectedCumulative);
        Guard.SameLength(actualIncremental.Length, periodEnd.Length);
        Guard.SameLength(expectedIncremental.Length, periodEnd.Length);
        Guard.SameLength(actualCumulative.Length, periodEnd.Length);
        Guard.SameLength(expectedCumulative.Length, periodEnd.Length);
        Guard.AllNonNegativeFinite(actualIncremental);
        Guard.AllFinite(expectedIncremental);
        Guard.AllNonNegativeFinite(actualCumulative);
        Guard.AllNonNegativeFinite(expectedCumulative);
        for (int i = 1; i < periodEnd.Length; i++)
        {
            if (periodEnd[i] <= periodEnd[i - 1])
            {
                ThrowHelper.Argument(nameof(periodEnd), string.Create(CultureInfo.InvariantCulture, $"periodEnd[{i}] = {periodEnd[i]:yyyy-MM-dd} is not after periodEnd[{i - 1}]; period ends ascend."));
            }
        }

        PeriodEnd = periodEnd;
        ActualIncremental = actualIncremental;
        ExpectedIncremental = expectedIncremental;
        ActualCumulative = actualCumulative;
        ExpectedCumulative = expectedCumulative;
    }

    /// <summary>Last day of each period, ascending.</summary>
    public DateOnly[] PeriodEnd { get; }

    /// <summary>Actual repeat transactions in each period (≥ 0).</summary>
    public double[] ActualIncremental { get; }

    /// <summary>Expected repeat transactions in each period (finite).</summary>
    public double[] ExpectedIncremental { get; }

    /// <summary>Actual repeat transactions to the end of each period (≥ 0).</summary>
    public double[] ActualCumulative { get; }

    /// <summary>Expected repeat transactions to the end of each period (≥ 0).</summary>
    public double[] ExpectedCumulative { get; }
}
