using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// Connects a <see cref="CohortTable"/> to the shifted-beta-geometric (sBG) retention model (Fader &amp; Hardie 2007,
/// <i>How to Project Customer Retention</i>, Journal of Interactive Marketing 21(1)): fits it to each cohort and to all
/// cohorts pooled by the multi-cohort likelihood for right-censored cohorts (Fader &amp; Hardie 2017, <i>Fitting the sBG
/// Model to Multi-Cohort Data</i>), and projects survival, revenue retention and each acquisition cohort's lifetime value
/// with delta-method intervals.
/// </summary>
/// <remarks>
/// <para><b>Survivors.</b> The sBG is a contractual model: churn is final. A cohort's survivors are its size at age 0 and,
/// at age k ≥ 1, the smallest active count at ages 0 … k. A table where customers leave and return (reactivation, a
/// non-contractual book) has active counts that rise; those ages are counted in <see cref="CohortFitRow.AdjustedCells"/>
/// and the returning customers are treated as lost.</para>
/// <para><b>Likelihood.</b> Cohort c observed to age mₖ contributes Σₜ₌₁^mₖ (sₜ₋₁ − sₜ) ln P(T = t) + s_m ln S(m): the
/// customers lost in each observed period, and the survivors right-censored at the last observed age. The pooled
/// log-likelihood is the sum over cohorts; a cohort observed only at age 0 adds nothing.</para>
/// <threadsafety>Static and pure; safe from any thread.</threadsafety>
/// </remarks>
public static partial class CohortRetentionModel
{
    /// <summary>The longest projection horizon: 600 periods (50 years of months).</summary>
    public const int MaxHorizon = 600;

    /// <summary>
    /// Fits the sBG model to each cohort of <paramref name="table"/> on its own and to all cohorts pooled, by maximum
    /// likelihood (BFGS on ln α, ln β with the analytic gradient; standard errors from the observed information).
    /// </summary>
    /// <param name="table">A cohort table (customers counted per cohort and age; revenue is not used here).</param>
    /// <returns>
    /// The pooled model and one row per cohort. Never throws for data that cannot be fitted: a cohort (or the pool) observed
    /// for fewer than two periods, in which nobody churned, or which churned entirely in its first period cannot identify α
    /// and β and is not fitted (no parameters, <see cref="ModelFitMethod.None"/>, <see cref="ModelFitInfo.Converged"/> false,
    /// the reason in <see cref="ModelFitInfo.Reason"/>); an optimiser that stops on a ridge or at a boundary reports
    /// <see cref="ModelFitInfo.Converged"/> false with why. An empty table gives no rows and an unfitted pooled model.
    /// </returns>
    public static CohortRetentionFit Fit(CohortTable table)
    {
        int n = table.CohortCount;
        var rows = new CohortFitRow[n];
        var lost = new double[n];
        var censored = new double[n];
        long customers = 0;
        for (int row = 0; row < n; row++)
        {
            int cohort = table.FirstCohort + row;
            long[] survivors = Survivors(table, row, out int adjusted);
            int last = survivors.Length - 1;
            var ownLost = new double[last + 1];
            var ownCensored = new double[last + 1];
            for (int t = 1; t <= last; t++)
            {
                ownLost[t] = survivors[t - 1] - survivors[t];
                lost[t] += ownLost[t];
            }

            ownCensored[last] = survivors[last];
            censored[last] += survivors[last];
            customers += survivors[0];
            ShiftedBetaGeometricModel model = survivors[0] == 0
                ? ShiftedBetaGeometricCensoredData.Unfitted("the cohort has no customers", 0)
                : new ShiftedBetaGeometricCensoredData(ownLost, ownCensored).Fit(survivors[0]);
            rows[row] = new CohortFitRow(cohort, survivors[0], last, survivors[last], adjusted, model);
        }

        ShiftedBetaGeometricModel pooled = n == 0
            ? ShiftedBetaGeometricCensoredData.Unfitted("the table is empty", 0)
            : new ShiftedBetaGeometricCensoredData(lost, censored).Fit(customers);
        return new CohortRetentionFit(pooled, rows);
    }

    /// <summary>
    /// The sBG survivors of one cohort: its size at age 0, then the running minimum of its active counts (ages 0 … k) at each
    /// age k ≥ 1; <paramref name="adjusted"/> counts the ages whose active count exceeded that minimum.
    /// </summary>
    internal static long[] Survivors(CohortTable table, int row, out int adjusted)
    {
        int n = table.CohortCount;
        int last = n - 1 - row;
        var survivors = new long[last + 1];
        long size = table.CohortSizes[row];
        long running = size;
        adjusted = 0;
        survivors[0] = size;
        for (int age = 0; age <= last; age++)
        {
            long active = table.ActiveCustomers[(row * n) + age];
            if (active < running)
            {
                running = active;
            }
            else if (active > running && age > 0)
            {
                adjusted++;
            }

            if (age > 0)
            {
                survivors[age] = running;
            }
        }

        return survivors;
    }
}
