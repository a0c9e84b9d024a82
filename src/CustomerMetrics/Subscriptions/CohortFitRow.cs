using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;
using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Subscriptions;

/// <summary>
/// The shifted-beta-geometric fit of one cohort of a <see cref="CohortTable"/> (a row of <see cref="CohortRetentionFit.Cohorts"/>):
/// the survivors it was fitted on and the model, whose <see cref="ShiftedBetaGeometricModel.FitInfo"/> says whether it
/// converged and, if not, why.
/// </summary>
/// <remarks>
/// A cohort observed for fewer than two periods, one in which nobody churned, or one that churned entirely in its first
/// period is not fitted: <see cref="Model"/> then has no parameters (α = β = 0), <see cref="ModelFitInfo.Method"/> is
/// <see cref="ModelFitMethod.None"/> and <see cref="ModelFitInfo.Reason"/> says why. <c>default</c> is an empty row.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct CohortFitRow
{
    /// <summary>Creates a row after checking it.</summary>
    /// <param name="cohort">The cohort period.</param>
    /// <param name="customers">Customers who joined in the cohort, ≥ 0.</param>
    /// <param name="lastObservedAge">The cohort's last observed age, ≥ 0.</param>
    /// <param name="survivors">Survivors at the last observed age as fitted (see <see cref="Survivors"/>), 0 to <paramref name="customers"/>.</param>
    /// <param name="adjustedCells">Ages at which more customers were active than the running minimum (returns), 0 to <paramref name="lastObservedAge"/>.</param>
    /// <param name="model">The fitted model, or one with no parameters whose fit information says why it was not fitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or out of its range (named by parameter).</exception>
    [JsonConstructor]
    public CohortFitRow(int cohort, long customers, int lastObservedAge, long survivors, int adjustedCells, ShiftedBetaGeometricModel model)
    {
        Guard.NonNegative(customers);
        Guard.NonNegative(lastObservedAge);
        Guard.InRange(survivors, 0, customers);
        Guard.InRange(adjustedCells, 0, lastObservedAge);
        Cohort = cohort;
        Customers = customers;
        LastObservedAge = lastObservedAge;
        Survivors = survivors;
        AdjustedCells = adjustedCells;
        Model = model;
    }

    /// <summary>The cohort period (in the table's period unit).</summary>
    public int Cohort { get; }

    /// <summary>Customers who joined in the cohort: the sBG starting count.</summary>
    public long Customers { get; }

    /// <summary>The cohort's last observed age (<see cref="CohortTable.LastObservedAge"/>): the number of renewal periods it was observed for.</summary>
    public int LastObservedAge { get; }

    /// <summary>
    /// Survivors at the last observed age as fitted: the smallest active count at any age up to it (the sBG treats churn as
    /// final, so a customer who leaves and returns is counted as lost; see <see cref="AdjustedCells"/>).
    /// </summary>
    public long Survivors { get; }

    /// <summary>Ages (1 to <see cref="LastObservedAge"/>) at which the active count exceeded the running minimum because customers returned; 0 for a clean contractual table.</summary>
    public int AdjustedCells { get; }

    /// <summary>The cohort's own fit; check <c>Model.FitInfo.Converged</c> before using its parameters.</summary>
    public ShiftedBetaGeometricModel Model { get; }

    /// <summary>One line, culture-invariant, e.g. <c>cohort 3: 120 customers, 85 survivors at age 6; sBG α = 0.7, β = 1.2; …</c>.</summary>
    /// <returns>The row as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cohort {Cohort}: {Customers} customers, {Survivors} survivors at age {LastObservedAge}; {(Model.Alpha > 0 ? Model.ToString() : Model.FitInfo.Reason)}");
}
