using MathNet.Numerics.LinearAlgebra;

namespace CustomerMetrics.Value.Models;

/// <summary>BFGS from a warm start with a known curvature (e.g. a fit on a subsample of the same data).</summary>
internal static partial class ModelOptimizer
{
    /// <summary>Gradient norm (objective per unit weight, log parameters) at which the warm-started search stops.</summary>
    internal const double WarmGradientTolerance = 1e-10;

    /// <summary>Most iterations of the warm-started search before it gives up (the caller then falls back).</summary>
    internal const int WarmMaxIterations = 40;

    /// <summary>
    /// BFGS from <paramref name="start"/> whose first inverse-Hessian approximation is the inverse of
    /// <paramref name="startHessian"/> (the objective's Hessian on a subsample at its optimum, close to the full data's): the
    /// first step is then nearly Newton's and each iteration (one evaluation when the full step is accepted) cuts the
    /// gradient by about the Hessians' relative difference. Stops when the gradient norm is below
    /// <see cref="WarmGradientTolerance"/> or a step no longer lowers the objective, then runs the same
    /// <see cref="Finish"/> checks as <see cref="Minimize"/>.
    /// </summary>
    /// <returns>The result, or null when the search failed (non-finite values, no descent direction, or not below 1e-6
    /// in gradient norm after <see cref="WarmMaxIterations"/>): the caller should fall back to <see cref="Minimize"/>.</returns>
    public static Result? MinimizeWarm(ModelObjective objective, double[] start, Matrix<double> startHessian, string model,
        int startIterations, int startEvaluations)
    {
        int n = start.Length;
        Matrix<double> inverse;
        try
        {
            inverse = startHessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(n));
        }
        catch (ArgumentException)
        {
            return null; // Not positive definite.
        }

        return WarmSearch(objective, start, inverse.ToColumnMajorArray(), model, startIterations, startEvaluations,
            WarmMaxIterations, WarmGradientTolerance, halvings: 4, stepCap: double.PositiveInfinity);
    }

    /// <summary>
    /// The BFGS loop of <see cref="MinimizeWarm"/> from an inverse-Hessian approximation <paramref name="h"/> (column-major,
    /// updated in place): at most <paramref name="maxIterations"/> iterations, until the gradient norm is at most
    /// <paramref name="tolerance"/>; each step is scaled down so no log parameter moves by more than <paramref name="stepCap"/>
    /// (∞: unscaled), then backtracked at most <paramref name="halvings"/> times. Null when the search fails (as
    /// <see cref="MinimizeWarm"/>); otherwise the <see cref="Finish"/> checks.
    /// </summary>
    private static Result? WarmSearch(ModelObjective objective, double[] start, double[] h, string model, int startIterations,
        int startEvaluations, int maxIterations, double tolerance, int halvings, double stepCap)
    {
        int n = start.Length;
        double[] x = (double[])start.Clone(), g = new double[n], xNext = new double[n], gNext = new double[n];
        double[] direction = new double[n], s = new double[n], y = new double[n], hy = new double[n];
        int evaluations = startEvaluations, iterations = startIterations;
        double f = objective(x, g);
        evaluations++;
        if (!double.IsFinite(f))
        {
            return null;
        }

        for (int iteration = 0; iteration < maxIterations && Norm(g) > tolerance; iteration++)
        {
            double slope = 0;
            for (int i = 0; i < n; i++)
            {
                double d = 0;
                for (int j = 0; j < n; j++)
                {
                    d -= h[(j * n) + i] * g[j];
                }

                direction[i] = d;
                slope += d * g[i];
            }

            if (!(slope < 0))
            {
                break;
            }

            double largest = 0;
            foreach (double d in direction)
            {
                largest = Math.Max(largest, Math.Abs(d));
            }

            if (largest > stepCap)
            {
                // A step capped in the log parameters (a far start's first steps can otherwise leave the region where the
                // objective is cheap and finite); the slope scales with it.
                double scale = stepCap / largest;
                for (int i = 0; i < n; i++)
                {
                    direction[i] *= scale;
                }

                slope *= scale;
            }

            // Backtracking (Armijo) from the full step; a few halvings only: near the optimum the objective's rounding
            // hides any further decrease, and the search stops there.
            double step = 1, fNext = double.NaN;
            bool accepted = false;
            for (int halving = 0; halving < halvings && !accepted; halving++, step /= 2)
            {
                for (int i = 0; i < n; i++)
                {
                    xNext[i] = x[i] + (step * direction[i]);
                }

                fNext = objective(xNext, gNext);
                evaluations++;
                // Armijo, or, where the decrease is below the objective's rounding (near the optimum), a smaller gradient.
                accepted = double.IsFinite(fNext) && (fNext <= f + (1e-4 * step * slope)
                    || (Math.Abs(fNext - f) <= 1e-13 * Math.Abs(f) && Norm(gNext) < Norm(g)));
            }

            if (!accepted)
            {
                break;
            }

            iterations++;
            double sy = 0;
            for (int i = 0; i < n; i++)
            {
                s[i] = xNext[i] - x[i];
                y[i] = gNext[i] - g[i];
                sy += s[i] * y[i];
            }

            if (sy > 0)
            {
                // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(sᵀy).
                double rho = 1 / sy, yhy = 0;
                for (int i = 0; i < n; i++)
                {
                    double v = 0;
                    for (int j = 0; j < n; j++)
                    {
                        v += h[(j * n) + i] * y[j];
                    }

                    hy[i] = v;
                    yhy += y[i] * v;
                }

                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        h[(j * n) + i] += (((1 + (rho * yhy)) * rho * s[i] * s[j]) - (rho * ((hy[i] * s[j]) + (s[i] * hy[j]))));
                    }
                }
            }

            (x, xNext) = (xNext, x);
            (g, gNext) = (gNext, g);
            f = fNext;
        }

        double norm = Norm(g);
        if (!(norm < 1e-6))
        {
            return null;
        }

        return Finish(objective, x, model, ModelFitMethod.Bfgs, iterations, evaluations, converged: true, failure: null, known: (f, g));
    }

    private static double Norm(ReadOnlySpan<double> vector)
    {
        double sum = 0;
        foreach (double v in vector)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }
}
