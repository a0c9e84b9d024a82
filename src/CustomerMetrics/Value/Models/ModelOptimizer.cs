using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CustomerMetrics.Value.Models;

/// <summary>The objective of a fit: returns the value and writes the gradient for parameters on the log scale.</summary>
internal delegate double ModelObjective(ReadOnlySpan<double> logParameters, Span<double> gradient);

/// <summary>
/// Minimises a smooth objective of log parameters with MathNet's BFGS (analytic gradient); falls back to
/// Nelder–Mead and a BFGS polish when BFGS fails. Throws <see cref="ModelFitException"/> rather than return
/// non-finite parameters.
/// </summary>
internal static partial class ModelOptimizer
{
    /// <summary>|log θ| beyond which a parameter is deemed to run to the boundary (θ outside 1e-6 … 1e6).</summary>
    internal const double BoundaryLog = 13.815510557964274;

    internal readonly record struct Result(double[] LogParameters, double Value, ModelFitInfo Info)
    {
        /// <summary>The central-difference Hessian of the objective (log scale) at the solution, when the identification
        /// check computed it (converged fits); null otherwise. Lets a caller derive standard errors without differencing again.</summary>
        public Matrix<double>? ObjectiveHessian { get; init; }
    }

    public static Result Minimize(ModelObjective objective, double[] start, string model, int maxIterations = 1000)
    {
        int n = start.Length;
        int evaluations = 0;
        var gradient = new double[n];

        (double, Vector<double>) ValueAndGradient(Vector<double> point)
        {
            evaluations++;
            double[] p = point.AsArray() ?? point.ToArray();
            double value = objective(p, gradient);
            if (!double.IsFinite(value))
            {
                value = double.PositiveInfinity;
            }

            return (value, Vector<double>.Build.DenseOfArray((double[])gradient.Clone()));
        }

        double Value(Vector<double> point)
        {
            evaluations++;
            double value = objective(point.AsArray() ?? point.ToArray(), gradient);
            return double.IsFinite(value) ? value : double.PositiveInfinity;
        }

        var initial = Vector<double>.Build.DenseOfArray(start);
        var bfgs = new BfgsMinimizer(1e-9, 1e-12, 1e-15, maxIterations);
        ModelFitMethod method = ModelFitMethod.Bfgs;
        int iterations = 0;
        bool converged;
        Vector<double> solution;
        Exception? failure = null;
        try
        {
            var result = bfgs.FindMinimum(ObjectiveFunction.Gradient(ValueAndGradient), initial);
            iterations += result.Iterations;
            solution = result.MinimizingPoint;
            converged = true;
        }
        catch (Exception ex) when (ex is OptimizationException or ArgumentException or InvalidOperationException)
        {
            failure = ex;
            method = ModelFitMethod.NelderMead;
            try
            {
                var simplex = new NelderMeadSimplex(1e-12, 20_000);
                var result = simplex.FindMinimum(ObjectiveFunction.Value(Value), initial);
                iterations += result.Iterations;
                solution = result.MinimizingPoint;
                converged = true;
            }
            catch (MaximumIterationsException ex2)
            {
                throw new ModelFitException($"{model}: neither BFGS nor Nelder–Mead converged.", ex2);
            }

            try
            {
                var polish = bfgs.FindMinimum(ObjectiveFunction.Gradient(ValueAndGradient), solution);
                iterations += polish.Iterations;
                solution = polish.MinimizingPoint;
            }
            catch (Exception ex3) when (ex3 is OptimizationException or ArgumentException or InvalidOperationException)
            {
                // Keep the simplex solution.
            }
        }

        return Finish(objective, solution.ToArray(), model, method, iterations, evaluations, converged, failure);
    }

    /// <summary>
    /// The checks every search ends with, whatever found <paramref name="best"/>: the final value and gradient norm,
    /// finiteness, the boundary, the flat-ridge probe (2 evaluations per parameter) and the identification check on the
    /// central-difference Hessian (2 per parameter).
    /// </summary>
    /// <param name="objective">The objective.</param>
    /// <param name="best">The search's solution.</param>
    /// <param name="model">The model's name, for messages.</param>
    /// <param name="method">The search method to report.</param>
    /// <param name="iterations">The search's iterations.</param>
    /// <param name="evaluations">The search's evaluations so far.</param>
    /// <param name="converged">Whether the search met its own criterion.</param>
    /// <param name="failure">The first search's exception, if a fallback ran.</param>
    /// <param name="known">The objective's value and gradient at <paramref name="best"/> when the search has them (the
    /// objective is deterministic, so they equal a fresh evaluation and save one); null to evaluate.</param>
    internal static Result Finish(ModelObjective objective, double[] best, string model, ModelFitMethod method, int iterations,
        int evaluations, bool converged, Exception? failure, (double Value, double[] Gradient)? known = null)
    {
        int n = best.Length;
        var gradient = new double[n];
        double final;
        if (known is { } k)
        {
            final = k.Value;
            k.Gradient.CopyTo(gradient, 0);
        }
        else
        {
            final = objective(best, gradient);
            evaluations++;
        }
        double norm = 0;
        foreach (double g in gradient)
        {
            norm += g * g;
        }

        norm = Math.Sqrt(norm);
        if (!double.IsFinite(final) || !double.IsFinite(norm) || Array.Exists(best, v => !double.IsFinite(v)))
        {
            throw failure is null
                ? new ModelFitException($"{model}: the optimiser reached non-finite parameters or log-likelihood; the data may not identify the model.")
                : new ModelFitException($"{model}: the optimiser reached non-finite parameters or log-likelihood; the data may not identify the model.", failure);
        }

        // A solution whose gradient is still large is reported as not converged rather than hidden, and so is one where a
        // parameter ran off towards 0 or ∞ (beyond 1e±6): the likelihood then has no interior maximum for these data.
        string reason = string.Empty;
        if (!converged)
        {
            reason = "the optimiser stopped before meeting its convergence criterion";
        }
        else if (!(norm < 1e-4))
        {
            converged = false;
            reason = string.Create(CultureInfo.InvariantCulture, $"the gradient norm {norm:G3} at the solution is above 1e-4");
        }
        else if (Array.FindIndex(best, v => !(Math.Abs(v) < BoundaryLog)) is int far and >= 0)
        {
            converged = false;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"parameter {far + 1} ran to the boundary ({Math.Exp(best[far]):G3}, outside 1e-6 … 1e6): the likelihood has no interior maximum for these data");
        }

        // A flat ridge towards a boundary can stop the optimiser with a tiny gradient before any parameter crosses
        // 1e±6 (a → 0 with b → ∞ when nobody drops out). An interior maximum gets worse when any one parameter moves by
        // a factor e² either way; if some move does not cost anything, the maximum is not isolated: not converged.
        var probe = (double[])best.Clone();
        double tolerance = 1e-9 * Math.Max(1, Math.Abs(final));
        for (int i = 0; i < n && converged; i++)
        {
            foreach (double step in (ReadOnlySpan<double>)[-2, 2])
            {
                probe[i] = best[i] + step;
                double shifted = objective(probe, gradient);
                evaluations++;
                if (converged && shifted <= final + tolerance)
                {
                    converged = false;
                    reason = string.Create(CultureInfo.InvariantCulture,
                        $"moving parameter {i + 1} by a factor e^{step:0} does not lower the likelihood: a flat ridge, the maximum is not isolated");
                }
            }

            probe[i] = best[i];
        }

        // A ridge in a direction no single parameter follows (two parameters trading off exactly, as the two sBG shapes
        // do on a one-period table) leaves the Hessian singular: the data identify fewer combinations than parameters.
        Matrix<double>? objectiveHessian = converged ? Hessian(objective, best) : null;
        double ratio = double.NaN;
        if (objectiveHessian is not null)
        {
            evaluations += 2 * n;
            ratio = CurvatureRatio(objectiveHessian);
        }

        if (converged && !(ratio > IdentificationRatio))
        {
            converged = false;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"the likelihood is flat in some direction (smallest/largest curvature {ratio:G3} ≤ {IdentificationRatio:G0}): the data do not identify every parameter");
        }

        return new Result(best, final, new ModelFitInfo(method, iterations, evaluations, converged, norm, reason)) { ObjectiveHessian = objectiveHessian };
    }

    /// <summary>Smallest over largest eigenvalue of the Hessian (log scale) below which a maximum is deemed not identified.</summary>
    internal const double IdentificationRatio = 1e-8;

    /// <summary>
    /// Smallest over largest eigenvalue of the central-difference Hessian of <paramref name="objective"/> (its analytic
    /// gradient differenced) at <paramref name="point"/>; ≤ 0 when the point is not a strict minimum.
    /// </summary>
    internal static double Curvature(ModelObjective objective, double[] point, ref int evaluations)
    {
        var hessian = Hessian(objective, point);
        evaluations += 2 * point.Length;
        return CurvatureRatio(hessian);
    }

    /// <summary>Smallest over largest eigenvalue of a symmetric Hessian; ≤ 0 when it is not positive definite.</summary>
    private static double CurvatureRatio(Matrix<double> hessian)
    {
        var eigen = hessian.Evd(Symmetricity.Symmetric).EigenValues;
        double min = double.PositiveInfinity, max = 0;
        foreach (var value in eigen)
        {
            min = Math.Min(min, value.Real);
            max = Math.Max(max, Math.Abs(value.Real));
        }

        return max > 0 ? min / max : 0;
    }

    private static Matrix<double> Hessian(ModelObjective objective, double[] logParameters)
    {
        int n = logParameters.Length;
        var hessian = Matrix<double>.Build.Dense(n, n);
        var plus = new double[n];
        var minus = new double[n];
        var point = (double[])logParameters.Clone();
        for (int j = 0; j < n; j++)
        {
            const double h = 1e-5;
            point[j] = logParameters[j] + h;
            objective(point, plus);
            point[j] = logParameters[j] - h;
            objective(point, minus);
            point[j] = logParameters[j];
            for (int i = 0; i < n; i++)
            {
                hessian[i, j] = (plus[i] - minus[i]) / (2 * h);
            }
        }

        return (hessian + hessian.Transpose()) / 2;
    }

    /// <summary>
    /// Covariance of the natural parameters θ = exp(log θ) from a central-difference Hessian of the total negative
    /// log-likelihood (the analytic gradient differenced), scaled from the log scale: H_θ[i,j] = H_log[i,j]/(θᵢθⱼ)
    /// (exact at a stationary point); null where the Hessian is not positive definite.
    /// </summary>
    public static Matrix<double>? Covariance(ModelObjective totalNegativeLogLikelihood, double[] logParameters) =>
        CovarianceFromLogHessian(Hessian(totalNegativeLogLikelihood, logParameters), logParameters);

    /// <summary>
    /// As <see cref="Covariance"/> from a log-scale Hessian of the total negative log-likelihood already at hand
    /// (overwritten); null where it is not positive definite.
    /// </summary>
    public static Matrix<double>? CovarianceFromLogHessian(Matrix<double> hessian, double[] logParameters)
    {
        int n = logParameters.Length;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                hessian[i, j] /= Math.Exp(logParameters[i] + logParameters[j]);
            }
        }

        try
        {
            return hessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(n));
        }
        catch (ArgumentException)
        {
            return null; // Not positive definite: the optimum is not a strict maximum.
        }
    }

    /// <summary>Standard errors of the natural parameters (see <see cref="Covariance"/>); NaN where unavailable.</summary>
    public static double[] StandardErrors(ModelObjective totalNegativeLogLikelihood, double[] logParameters) =>
        StandardErrors(Covariance(totalNegativeLogLikelihood, logParameters), logParameters.Length);

    /// <summary>
    /// Standard errors from a fit whose objective is −LL/<paramref name="totalWeight"/> + <paramref name="penalty"/> Σ (log θ)²:
    /// the total negative log-likelihood's Hessian is Σw (H_objective − 2λI), so the objective's Hessian from the
    /// identification check serves without differencing again; when the fit has none, the Hessian of
    /// <paramref name="totalNegativeLogLikelihood"/> is differenced as in <see cref="StandardErrors(ModelObjective, double[])"/>.
    /// </summary>
    public static double[] StandardErrors(Result fit, double totalWeight, double penalty, ModelObjective totalNegativeLogLikelihood)
    {
        if (fit.ObjectiveHessian is not { } objectiveHessian)
        {
            return StandardErrors(totalNegativeLogLikelihood, fit.LogParameters);
        }

        int n = fit.LogParameters.Length;
        var hessian = objectiveHessian.Clone();
        for (int i = 0; i < n; i++)
        {
            hessian[i, i] -= 2 * penalty;
        }

        hessian = hessian.Multiply(totalWeight);
        return StandardErrors(CovarianceFromLogHessian(hessian, fit.LogParameters), n);
    }

    private static double[] StandardErrors(Matrix<double>? covariance, int n)
    {
        var errors = new double[n];
        for (int i = 0; i < n; i++)
        {
            errors[i] = covariance is not null && covariance[i, i] > 0 ? Math.Sqrt(covariance[i, i]) : double.NaN;
        }

        return errors;
    }
}
