namespace CustomerMetrics.Value.Models;

/// <summary>The MathNet.Numerics optimiser that produced a model fit.</summary>
public enum ModelFitMethod
{
    /// <summary>No fit: the model was constructed from given parameters.</summary>
    None = 0,

    /// <summary>BFGS quasi-Newton with the analytic gradient (<c>MathNet.Numerics.Optimization.BfgsMinimizer</c>).</summary>
    Bfgs = 1,

    /// <summary>Nelder–Mead simplex (<c>MathNet.Numerics.Optimization.NelderMeadSimplex</c>), used when BFGS fails, then polished by BFGS where possible.</summary>
    NelderMead = 2,
}
