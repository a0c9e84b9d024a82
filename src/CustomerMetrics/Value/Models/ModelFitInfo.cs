using System.Globalization;
using System.Text.Json.Serialization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// How a maximum-likelihood fit went: the optimiser, its iterations and objective evaluations, whether it met its
/// convergence criterion at an identified maximum, why not when it did not, and the gradient norm at the solution.
/// A fit that produced non-finite values throws <see cref="ModelFitException"/> instead of returning.
/// </summary>
/// <remarks>
/// <c>default</c> is the information of a model that was not fitted (<see cref="ModelFitMethod.None"/>, 0 iterations,
/// not converged, no reason). Every way to build one (constructor, <c>with</c>, JSON) is validated.
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ModelFitInfo
{
    private readonly string? _reason;

    /// <summary>Creates fit information after checking it.</summary>
    /// <param name="method">The optimiser that produced the parameters (a defined <see cref="ModelFitMethod"/>).</param>
    /// <param name="iterations">Optimiser iterations, ≥ 0.</param>
    /// <param name="evaluations">Objective evaluations, ≥ 0.</param>
    /// <param name="converged">Whether the fit converged to an identified interior maximum (see <see cref="Converged"/>); needs a method other than <see cref="ModelFitMethod.None"/>.</param>
    /// <param name="gradientNorm">Gradient norm at the solution, finite and ≥ 0.</param>
    /// <param name="reason">Why the fit did not converge; must be empty (or null) when <paramref name="converged"/> is true.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, the method is undefined, or the gradient norm is negative, NaN or ∞.</exception>
    /// <exception cref="ArgumentException"><paramref name="converged"/> is true with method <see cref="ModelFitMethod.None"/> or with a reason.</exception>
    [JsonConstructor]
    public ModelFitInfo(ModelFitMethod method, int iterations, int evaluations, bool converged, double gradientNorm, string? reason = null)
    {
        if (!EnumMembers<ModelFitMethod>.IsDefined(method))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(method), (long)method, "None, Bfgs or NelderMead");
        }

        Guard.NonNegative(iterations);
        Guard.NonNegative(evaluations);
        Guard.NonNegativeFinite(gradientNorm);
        if (converged && method == ModelFitMethod.None)
        {
            ThrowHelper.Argument(nameof(converged), "A fit information with method None (no fit) cannot be converged.");
        }

        if (converged && !string.IsNullOrEmpty(reason))
        {
            ThrowHelper.Argument(nameof(reason), "A converged fit has no reason for not converging; reason must be empty.");
        }

        Method = method;
        Iterations = iterations;
        Evaluations = evaluations;
        Converged = converged;
        GradientNorm = gradientNorm;
        _reason = string.IsNullOrEmpty(reason) ? null : reason;
    }

    /// <summary>The optimiser that produced the parameters.</summary>
    public ModelFitMethod Method { get; }

    /// <summary>Optimiser iterations, summed over every optimiser run.</summary>
    public int Iterations { get; }

    /// <summary>Evaluations of the objective (log-likelihood and gradient), summed over every run.</summary>
    public int Evaluations { get; }

    /// <summary>
    /// <see langword="true"/> when the optimiser stopped on its convergence criterion (gradient, step or progress
    /// tolerance) at an isolated interior maximum; <see langword="false"/> when it stopped on its iteration limit, a
    /// parameter ran off towards 0 or ∞ (outside 1e-6 … 1e6, e.g. BG/NBD a → 0 or b → ∞ when the data show no dropout),
    /// moving one parameter by a factor e² does not lower the likelihood (a flat ridge towards such a boundary), or the
    /// curvature of the likelihood is (nearly) zero in some direction (the data do not identify every parameter, e.g. a
    /// one-period survival table for the two sBG parameters). The parameters are then the best found, not a verified
    /// maximum; <see cref="Reason"/> says which. An L2 penalty keeps boundary fits finite.
    /// </summary>
    public bool Converged { get; }

    /// <summary>Euclidean norm of the gradient of the mean negative log-likelihood with respect to the log parameters at
    /// the solution (dimensionless; about 1e-6 or less at a good optimum).</summary>
    public double GradientNorm { get; }

    /// <summary>Why the fit is not converged, in words; empty when it converged or was not fitted.</summary>
    public string Reason => _reason ?? string.Empty;

    /// <summary>Formats as <c>Bfgs, 23 iterations, converged (|g| = 1.2E-009)</c>, culture-invariant; a fit that did not converge adds its reason.</summary>
    /// <returns>The fit information as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Method}, {Iterations} iterations, {(Converged ? "converged" : "NOT converged")} (|g| = {GradientNorm:G3}){(Reason.Length > 0 ? ": " + Reason : "")}");
}
