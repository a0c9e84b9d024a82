using System.Globalization;
using CustomerMetrics.Internal;

namespace CustomerMetrics.Value.Models;

/// <summary>
/// What the parametric bootstraps of the purchase models (<see cref="BgNbdBootstrap"/>, <see cref="ParetoNbdBootstrap"/>)
/// share: the check of the number of draws, the parallel refits, and percentile intervals over the refitted models.
/// </summary>
internal static class BootstrapDraws
{
    /// <summary>Throws unless 2 ≤ <paramref name="draws"/> ≤ <paramref name="maxDraws"/>.</summary>
    public static void CheckDraws(int draws, int maxDraws)
    {
        if (draws < 2 || draws > maxDraws)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(draws), draws, string.Create(CultureInfo.InvariantCulture, $"2 to {maxDraws:N0} draws"));
        }
    }

    /// <summary>
    /// Runs <paramref name="refit"/> for draws 0 … <paramref name="draws"/> − 1 in parallel. A draw whose refit returns
    /// null or throws <see cref="ModelFitException"/> failed; the others are returned in draw order, so the result depends
    /// only on what each draw computes (each seeds its own generator), never on the cores or the scheduling.
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than 2 draws could be refitted.</exception>
    public static TModel[] Refit<TModel>(int draws, string modelName, Func<int, TModel?> refit)
        where TModel : struct
    {
        var fitted = new TModel?[draws];
        Parallel.For(0, draws, k =>
        {
            try
            {
                fitted[k] = refit(k);
            }
            catch (ModelFitException)
            {
                fitted[k] = null;
            }
        });

        TModel[] models = [.. fitted.Where(m => m is not null).Select(m => m!.Value)];
        if (models.Length < 2)
        {
            ThrowHelper.InvalidOperation($"Fewer than 2 bootstrap draws could be refitted: the data are too few for a {modelName} fit.");
        }

        return models;
    }

    /// <summary>
    /// The percentile interval (type 7 quantiles, as R and NumPy by default) of a prediction over the refitted models. A
    /// draw whose prediction is not finite, or cannot be evaluated (<see cref="InvalidOperationException"/>: a draw far out
    /// on a ridge can leave a series unconverged), is left out; NaN bounds when fewer than 2 remain.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public static ConfidenceInterval Percentile<TModel>(TModel[] models, Func<TModel, double> prediction, double confidenceLevel)
    {
        Guard.ConfidenceLevel(confidenceLevel);
        var values = new List<double>(models.Length);
        foreach (TModel model in models)
        {
            double value;
            try
            {
                value = prediction(model);
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            if (double.IsFinite(value))
            {
                values.Add(value);
            }
        }

        if (values.Count < 2)
        {
            return new ConfidenceInterval(double.NaN, double.NaN, confidenceLevel);
        }

        values.Sort();
        double tail = (1 - confidenceLevel) / 2;
        return new ConfidenceInterval(Quantile(values, tail), Quantile(values, 1 - tail), confidenceLevel);
    }

    /// <summary>Linear interpolation between order statistics (type 7).</summary>
    private static double Quantile(List<double> sorted, double q)
    {
        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
