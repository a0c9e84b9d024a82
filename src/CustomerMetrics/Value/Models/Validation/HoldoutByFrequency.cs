namespace CustomerMetrics.Value.Models.Validation;

/// <summary>
/// Calibration versus holdout purchases by calibration frequency (plot-ready; Fader, Hardie &amp; Lee 2005, fig. 4): for
/// each bin of calibration frequency x = 0, 1, …, the last bin holding every x ≥ its value, the customers, their mean
/// actual holdout purchases and the model's mean E[Y(t) | x, tₓ, T].
/// </summary>
/// <param name="Frequency">Lower edge of each bin (the last bin is "x ≥ Frequency[^1]").</param>
/// <param name="Customers">Customers in each bin.</param>
/// <param name="ActualMean">Mean holdout purchases of the bin's customers; NaN for an empty bin.</param>
/// <param name="ExpectedMean">Mean model expectation over the bin's customers; NaN for an empty bin.</param>
public sealed record HoldoutByFrequency(double[] Frequency, double[] Customers, double[] ActualMean, double[] ExpectedMean);
