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
internal static class ModelOptimizer
{
    /// <summary>|log θ| beyond which a parameter is deemed to run to the boundary (θ outside 1e-6 … 1e6).</summary>
    internal const double BoundaryLog = 13.815510557964274;

    internal readonly record struct Result(double[] LogParameters, double Value, ModelFitInfo Info);

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

        double[] best = solution.ToArray();
        double final = objective(best, gradient);
        evaluations++;
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
        converged &= norm < 1e-4;
        converged &= Array.TrueForAll(best, v => Math.Abs(v) < BoundaryLog);

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
                converged &= !(shifted <= final + tolerance);
            }

            probe[i] = best[i];
        }

        return new Result(best, final, new ModelFitInfo(method, iterations, evaluations, converged, norm));
    }

    /// <summary>
    /// Covariance of the natural parameters θ = exp(log θ) from a central-difference Hessian of the total negative
    /// log-likelihood (the analytic gradient differenced), scaled from the log scale: H_θ[i,j] = H_log[i,j]/(θᵢθⱼ)
    /// (exact at a stationary point). Returns standard errors; NaN where the Hessian is not positive definite.
    /// </summary>
    public static double[] StandardErrors(ModelObjective totalNegativeLogLikelihood, double[] logParameters)
    {
        int n = logParameters.Length;
        var hessian = Matrix<double>.Build.Dense(n, n);
        var plus = new double[n];
        var minus = new double[n];
        var point = (double[])logParameters.Clone();
        for (int j = 0; j < n; j++)
        {
            double h = 1e-5;
            point[j] = logParameters[j] + h;
            totalNegativeLogLikelihood(point, plus);
            point[j] = logParameters[j] - h;
            totalNegativeLogLikelihood(point, minus);
            point[j] = logParameters[j];
            for (int i = 0; i < n; i++)
            {
                hessian[i, j] = (plus[i] - minus[i]) / (2 * h);
            }
        }

        var errors = new double[n];
        hessian = (hessian + hessian.Transpose()) / 2;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                hessian[i, j] /= Math.Exp(logParameters[i] + logParameters[j]);
            }
        }

        Matrix<double> covariance;
        try
        {
            covariance = hessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(n));
        }
        catch (ArgumentException)
        {
            Array.Fill(errors, double.NaN); // Not positive definite: the optimum is not a strict maximum.
            return errors;
        }

        for (int i = 0; i < n; i++)
        {
            errors[i] = covariance[i, i] > 0 ? Math.Sqrt(covariance[i, i]) : double.NaN;
        }

        return errors;
    }
}
