using CustomerMetrics.Value.Models;

namespace CustomerMetrics.Charts;

/// <summary>Parametric-bootstrap band of an sBG survival curve (simulate cohorts from the fit, refit, take quantiles).</summary>
internal static class SurvivalBand
{
    public static (double[] Lower, double[] Upper) Bootstrap(ShiftedBetaGeometricModel model, double[] observed, int horizon,
        double confidenceLevel, int replicates, int seed)
    {
        int cohort = (int)Math.Round(observed[0]);
        int periods = observed.Length - 1;
        var random = new Random(seed);
        var curves = new List<double[]>(replicates);
        var simulated = new double[periods + 1];
        for (int r = 0; r < replicates; r++)
        {
            Array.Clear(simulated);
            for (int c = 0; c < cohort; c++)
            {
                // θ ~ Beta(α, β) (MathNet); the customer churns in each period with probability θ.
                double theta = MathNet.Numerics.Distributions.Beta.Sample(random, model.Alpha, model.Beta);
                int t = 0;
                simulated[0]++;
                while (t < periods && random.NextDouble() >= theta)
                {
                    t++;
                    simulated[t]++;
                }
            }

            try
            {
                ShiftedBetaGeometricModel refit = ShiftedBetaGeometric.Fit(simulated);
                if (!refit.FitInfo.Converged)
                {
                    continue;
                }

                var curve = new double[horizon + 1];
                refit.SurvivalCurve(curve);
                curves.Add(curve);
            }
            catch (ModelFitException)
            {
                // Nobody churned or nobody survived in this replicate: no finite fit, skipped.
            }
        }

        var lower = new double[horizon + 1];
        var upper = new double[horizon + 1];
        double tail = (1 - confidenceLevel) / 2;
        var column = new double[curves.Count];
        for (int t = 0; t <= horizon; t++)
        {
            if (curves.Count == 0)
            {
                lower[t] = upper[t] = double.NaN;
                continue;
            }

            for (int r = 0; r < curves.Count; r++)
            {
                column[r] = curves[r][t];
            }

            Array.Sort(column);
            lower[t] = Quantile(column, tail);
            upper[t] = Quantile(column, 1 - tail);
        }

        return (lower, upper);
    }

    /// <summary>Linear-interpolation quantile of sorted values (type 7).</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
