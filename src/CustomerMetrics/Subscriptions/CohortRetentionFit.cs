using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Shifted-beta-geometric fits of a <see cref="CohortTable"/>: one per cohort and one pooled over every cohort by the
/// multi-cohort likelihood, which uses each cohort's right-censored survivors (Fader &amp; Hardie 2017, <i>Fitting the sBG
/// Model to Multi-Cohort Data</i>). Made by <see cref="CohortRetentionModel.Fit"/>.
/// </summary>
/// <remarks>
/// Each model's <see cref="ShiftedBetaGeometricModel.FitInfo"/> says whether it converged and why not; a fit that was not
/// attempted (not identified by its data) has no parameters. Periods are the table's period unit.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
public sealed class CohortRetentionFit
{
    /// <summary>Creates a fit result after checking it (the JSON constructor; <see cref="CohortRetentionModel.Fit"/> is the usual way).</summary>
    /// <param name="pooled">The model fitted to all cohorts together.</param>
    /// <param name="cohorts">One row per cohort, in increasing cohort order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cohorts"/> is null.</exception>
    /// <exception cref="ArgumentException">The cohorts are not in strictly increasing order (names the index).</exception>
    [JsonConstructor]
    public CohortRetentionFit(ShiftedBetaGeometricModel pooled, IReadOnlyList<CohortFitRow> cohorts)
    {
        if (cohorts is null)
        {
            ThrowHelper.ArgumentNull(nameof(cohorts), "The cohort rows are required (an empty list for an empty table).");
        }

        for (int i = 1; i < cohorts.Count; i++)
        {
            if (cohorts[i].Cohort <= cohorts[i - 1].Cohort)
            {
                ThrowHelper.ValueOutOfRange(nameof(cohorts), i, cohorts[i].Cohort, (long)cohorts[i - 1].Cohort + 1, int.MaxValue);
            }
        }

        Pooled = pooled;
        Cohorts = [.. cohorts];
    }

    /// <summary>The model fitted to every cohort's censored survivors at once; check <c>Pooled.FitInfo.Converged</c>.</summary>
    public ShiftedBetaGeometricModel Pooled { get; }

    /// <summary>Each cohort's own fit, in cohort order.</summary>
    public IReadOnlyList<CohortFitRow> Cohorts { get; }

    /// <summary>One line, culture-invariant: the pooled model and how many cohorts converged on their own.</summary>
    /// <returns>The summary as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Cohorts.Count} cohorts, {Cohorts.Count(c => c.Model.FitInfo.Converged)} fitted on their own; pooled {(Pooled.Alpha > 0 ? Pooled.ToString() : Pooled.FitInfo.Reason)}");

    /// <summary>A fixed-width grid, one line per cohort then the pooled line: customers, last age, survivors, α, β and whether the fit converged.</summary>
    /// <returns>The grid as text, culture-invariant.</returns>
    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine("cohort  customers  age  survivors        alpha         beta  fit");
        foreach (CohortFitRow row in Cohorts)
        {
            Line(text, row.Cohort.ToString(CultureInfo.InvariantCulture), row.Customers, row.LastObservedAge, row.Survivors, row.Model);
        }

        Line(text, "pooled", Cohorts.Sum(c => c.Customers), Pooled.Periods, Cohorts.Sum(c => c.Survivors), Pooled);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, long customers, int age, long survivors, ShiftedBetaGeometricModel model) =>
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,6} {customers,10} {age,4} {survivors,10} {(model.Alpha > 0 ? model.Alpha.ToString("0.####", CultureInfo.InvariantCulture) : "-"),12} {(model.Alpha > 0 ? model.Beta.ToString("0.####", CultureInfo.InvariantCulture) : "-"),12}  {(model.FitInfo.Converged ? "converged" : "not converged: " + model.FitInfo.Reason)}"));
}
