namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// Expected against actual repeat transactions per calendar period (the tracking plot; Fader, Hardie &amp; Lee 2005, fig. 2–3):
/// period k covers (start + k·L, start + (k+1)·L] days, L the unit's length in days. Actual counts are repeat purchase days
/// (a customer's first day excluded); expected counts are Σ over customers of E[X(end − first purchase)] differences.
/// </summary>
/// <param name="PeriodEnd">Last day of each period.</param>
/// <param name="ActualIncremental">Actual repeat transactions in each period.</param>
/// <param name="ExpectedIncremental">Expected repeat transactions in each period.</param>
/// <param name="ActualCumulative">Actual repeat transactions to the end of each period.</param>
/// <param name="ExpectedCumulative">Expected repeat transactions to the end of each period.</param>
public sealed record TrackingSeries(DateOnly[] PeriodEnd, double[] ActualIncremental, double[] ExpectedIncremental, double[] ActualCumulative, double[] ExpectedCumulative);
