using MathNet.Numerics.LinearAlgebra;

namespace CustomerMetrics.Value.Models;

/// <summary>BFGS whose first curvature is the objective's own Hessian at the start (small fits without a warm start).</summary>
internal static partial class ModelOptimizer
{
    /// <summary>Gradient norm (objective per unit weight, log parameters) at which <see cref="MinimizeFromStartCurvature"/> stops.</summary>
    internal const double StartCurvatureTolerance = 1e-12;

    /// <summary>The most a log parameter moves in one step of <see cref="MinimizeFromStartCurvature"/> (a factor e).</summary>
    internal const double StartCurvatureStepCap = 1;

    /// <summary>
    /// BFGS from <paramref name="start"/> whose first inverse-Hessian approximation is the inverse of the central-difference
    /// Hessian of <paramref name="objective"/> (its analytic gradient differenced, 2 evaluations per parameter) at the start,
    /// with steps capped at <see cref="StartCurvatureStepCap"/> in every log parameter and a backtracking line search; stops at
    /// a gradient norm of <see cref="StartCurvatureTolerance"/> (or where rounding hides any further decrease), then runs
    /// the same <see cref="Finish"/> checks as <see cref="Minimize"/>. From a start with the right curvature, far fewer
    /// evaluations than MathNet's BFGS from an identity (on CDNOW 24 against 46 before the checks).
    /// </summary>
    /// <returns>The result, or null when the start's Hessian is not positive definite or the search fails (as
    /// <see cref="MinimizeWarm"/>): the caller should fall back to <see cref="Minimize"/>.</returns>
    public static Result? MinimizeFromStartCurvature(ModelObjective objective, double[] start, string model, int maxIterations = 200)
    {
        int n = start.Length;
        Matrix<double> hessian = Hessian(objective, start);
        Matrix<double> inverse;
        try
        {
            if (!hessian.ForAll(double.IsFinite))
            {
                return null;
            }

            inverse = hessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(n));
        }
        catch (ArgumentException)
        {
            return null; // Not positive definite.
        }

        return WarmSearch(objective, start, inverse.ToColumnMajorArray(), model, 0, 2 * n, maxIterations, StartCurvatureTolerance,
            halvings: 30, stepCap: StartCurvatureStepCap);
    }
}
