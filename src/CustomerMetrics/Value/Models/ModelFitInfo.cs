using System.Globalization;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// How a maximum-likelihood fit went: the optimiser, its iterations and objective evaluations, whether it met its
/// convergence criterion, and the gradient norm at the solution. A fit that produced non-finite values throws
/// <see cref="ModelFitException"/> instead of returning.
/// </summary>
/// <param name="Method">The optimiser that produced the parameters.</param>
/// <param name="Iterations">Optimiser iterations, summed over every optimiser run.</param>
/// <param name="Evaluations">Evaluations of the objective (log-likelihood and gradient), summed over every run.</param>
/// <param name="Converged">
/// <see langword="true"/> when the optimiser stopped on its convergence criterion (gradient, step or progress
/// tolerance) at an isolated interior maximum; <see langword="false"/> when it stopped on its iteration limit, a
/// parameter ran off towards 0 or ∞ (outside 1e-6 … 1e6, e.g. BG/NBD a → 0 or b → ∞ when the data show no dropout),
/// or moving one parameter by a factor e² does not lower the likelihood (a flat ridge towards such a boundary): the
/// parameters are then the best found, not a verified maximum. An L2 penalty keeps such fits finite.
/// </param>
/// <param name="GradientNorm">Euclidean norm of the gradient of the mean negative log-likelihood with respect to the
/// log parameters at the solution (dimensionless; about 1e-6 or less at a good optimum).</param>
public readonly record struct ModelFitInfo(ModelFitMethod Method, int Iterations, int Evaluations, bool Converged, double GradientNorm)
{
    /// <summary>Formats as <c>Bfgs, 23 iterations, converged (|g| = 1.2E-009)</c>, culture-invariant.</summary>
    /// <returns>The fit information as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Method}, {Iterations} iterations, {(Converged ? "converged" : "NOT converged")} (|g| = {GradientNorm:G3})");
}
